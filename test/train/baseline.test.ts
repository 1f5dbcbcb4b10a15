// The baseline: every algorithm on CartPole-v1 and Pendulum-v1 (defaults and preset, seed 3, first
// two iterations) must give exactly the metrics and checkpoint bytes recorded in
// test/fixtures/baseline.json (by scripts/record-baseline.ts). Reference: that record; tolerance:
// none — every metric compared bit for bit (its float64 pattern), every tensor and metadata entry
// of the checkpoint by SHA-256. A refactoring must leave all of it as it is; a change of bits is
// made on purpose, by re-recording, with the reason in the commit.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { baselineRuns, type BaselineRun } from '../helpers/baseline-runs.js';
import { decodeFloat64 } from '../helpers/float64-hex.js';

const recorded = JSON.parse(readFileSync(fileURLToPath(new URL('../../../test/fixtures/baseline.json', import.meta.url)), 'utf8')) as Record<string, BaselineRun>;
const runs = await baselineRuns();

test('the fixture covers every algorithm on both environments', () => {
  assert.equal(Object.keys(runs).sort(), Object.keys(recorded).sort());
  assert.is(Object.keys(recorded).length, 10);
});

for (const [name, run] of Object.entries(recorded)) {
  test(`${name}: the recorded metrics, bit for bit`, () => {
    const now = runs[name]!;
    assert.equal(Object.keys(now.metrics), Object.keys(run.metrics), 'the same metrics in the same order');
    for (const [metric, bits] of Object.entries(run.metrics)) {
      assert.is(now.metrics[metric], bits, `${metric}: now ${decodeFloat64(now.metrics[metric]!).join(', ')}, recorded ${decodeFloat64(bits).join(', ')}`);
    }
  });

  test(`${name}: the recorded checkpoint bytes`, () => {
    const now = runs[name]!.checkpoint;
    assert.equal(Object.keys(now.tensors).sort(), Object.keys(run.checkpoint.tensors).sort(), 'the same tensors');
    for (const [tensor, digest] of Object.entries(run.checkpoint.tensors)) assert.is(now.tensors[tensor], digest, `tensor ${tensor}`);
    for (const [key, digest] of Object.entries(run.checkpoint.metadata)) assert.is(now.metadata[key], digest, `metadata ${key}`);
    assert.is(now.bytes, run.checkpoint.bytes, 'file length');
    assert.is(now.sha256, run.checkpoint.sha256, 'the whole file');
  });
}

test.run();
