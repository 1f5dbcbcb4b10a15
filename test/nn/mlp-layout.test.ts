// The parameter layout is PyTorch's nn.Sequential state_dict order; counts by hand.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { layoutMLP } from '../../src/nn/mlp-layout.js';

test('a 4-64-64-2 network has 4·64+64 + 64·64+64 + 64·2+2 = 4610 parameters in state_dict order', () => {
  const layout = layoutMLP({ sizes: [4, 64, 64, 2], activations: ['tanh', 'tanh', 'identity'] });
  assert.is(layout.parameterCount, 4610);
  assert.equal(layout.blocks.map((b) => [b.name, b.offset, b.length, b.shape]), [
    ['0.weight', 0, 256, [64, 4]], ['0.bias', 256, 64, [64]],
    ['2.weight', 320, 4096, [64, 64]], ['2.bias', 4416, 64, [64]],
    ['4.weight', 4480, 128, [2, 64]], ['4.bias', 4608, 2, [2]],
  ]);
  assert.is(layout.maxHiddenWidth, 64);
  assert.equal([layout.inputSize, layout.outputSize], [4, 2]);
});

test('the layout keeps its own copy of the spec', () => {
  const sizes = [3, 5, 1];
  const layout = layoutMLP({ sizes, activations: ['relu', 'identity'] });
  sizes[1] = 99;
  assert.equal(layout.spec.sizes, [3, 5, 1]);
});

test('bad specs throw errors naming the field', () => {
  assert.throws(() => layoutMLP(null as never), /spec must be an object/);
  assert.throws(() => layoutMLP({ sizes: [3, 1.5], activations: ['tanh'] }), /spec.sizes\[1\] must be an integer/);
  assert.throws(() => layoutMLP({ sizes: [3, 2], activations: 'tanh' as never }), /spec.activations must be an array of 1 activations/);
});

test.run();
