import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRunConfig, readRunMetrics, RUN_FILES } from '../../src/io/run-folder.js';
import { scratchFolder } from '../helpers/scratch-folder.js';

const folder = scratchFolder('run');

function run(name: string, config: string, metrics: string): string {
  const dir = join(folder, name);
  mkdirSync(dir);
  writeFileSync(join(dir, RUN_FILES.config), config);
  writeFileSync(join(dir, RUN_FILES.metrics), metrics);
  return dir;
}

test('reads config.json and the metrics records of a run folder', () => {
  const dir = run('ok', '{"algo":"ppo","env":"CartPole-v1","seed":3,"learningRate":0.00025}', '{"global_step":512}\n{"global_step":1024}\n');
  assert.equal(readRunConfig(dir), { algo: 'ppo', env: 'CartPole-v1', seed: 3, learningRate: 0.00025 });
  assert.equal(readRunMetrics(dir), [{ global_step: 512 }, { global_step: 1024 }]);
});

test('a config without algo, env or an integer seed, or a metrics line that is not an object, is an error naming the file', () => {
  for (const [name, config] of [['no-algo', '{"env":"CartPole-v1","seed":0}'], ['float-seed', '{"algo":"ppo","env":"CartPole-v1","seed":0.5}'], ['array', '[]']] as const) {
    assert.throws(() => readRunConfig(run(name, config, '')), new RegExp(`${name}/config\\.json: expected an object with string 'algo' and 'env' and integer 'seed'`));
  }
  assert.throws(() => readRunMetrics(run('list', '{}', '{"global_step":1}\n[1]\n')), /list\/metrics\.jsonl: record 2 is not a JSON object/);
});


test.run();
