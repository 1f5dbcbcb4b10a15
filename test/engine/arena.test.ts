import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Arena } from '../../src/engine/arena.js';

test('regions are 16-byte aligned, disjoint, zeroed, and their views survive growth', () => {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const arena = new Arena(memory, 3);
  const a = arena.allocate('f32', 3);
  const b = arena.allocate('f64', 5);
  assert.equal([a.pointer % 16, b.pointer % 16], [0, 0]);
  assert.ok(b.pointer >= a.pointer + 12);
  assert.equal(Array.from(b.array), [0, 0, 0, 0, 0]);
  a.array.set([1, 2, 3]);
  const stale = a.array;
  const big = arena.allocate('f64', 100_000); // 800 kB: grows the memory past its one page
  assert.ok(memory.buffer.byteLength >= big.pointer + 800_000);
  assert.is(stale.length, 0);
  assert.equal(Array.from(a.array), [1, 2, 3]);
  assert.equal(Array.from(a.head(2)), [1, 2]);
});

test.run();
