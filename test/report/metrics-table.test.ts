// The terminal table of an iteration's metrics (src/report/metrics-table.ts) against the layout of
// Stable-Baselines3's HumanOutputFormat, written out by hand: groups rollout/, time/, train/ in
// that order, keys sorted within each, integers whole and other numbers as C's %.3g (the values
// below were checked with Python's '%.3g' % x).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatMetricsTable, formatTableValue } from '../../src/report/metrics-table.js';

test('values: integers whole, others as %.3g, nan and inf by name', () => {
  const cases: [number, string][] = [[20480, '20480'], [0, '0'], [0.123456, '0.123'], [22.45, '22.4'], [1234.5, '1.23e+03'], [0.0001234, '0.000123'],
    [0.00001234, '1.23e-05'], [-0.00555, '-0.00555'], [0.00015, '0.00015'], [2.5e-5, '2.5e-05'], [1.5, '1.5'], [NaN, 'nan'], [Infinity, 'inf'], [-Infinity, '-inf']];
  assert.equal(cases.map(([x]) => formatTableValue(x)), cases.map(([, text]) => text));
});

test('a PPO record: rollout/, time/ and train/ rows in SB3\'s layout; sps left out for the session\'s fps', () => {
  const record = {
    iteration: 5, global_step: 320, episodic_return: 18.26, episodic_length: 18.24, learning_rate: 0.00015, policy_loss: -0.00434, value_loss: 40.52,
    entropy: 0.6921, approx_kl: 3.83e-5, clipfrac: 0, explained_variance: NaN, sps: 9999,
  };
  assert.is(formatMetricsTable(record, { fps: 1096.6, timeElapsed: 0.4 }), [
    '------------------------------------',
    '| rollout/              |          |',
    '|    ep_len_mean        | 18.2     |',
    '|    ep_rew_mean        | 18.3     |',
    '| time/                 |          |',
    '|    fps                | 1097     |',
    '|    iterations         | 5        |',
    '|    time_elapsed       | 0        |',
    '|    total_timesteps    | 320      |',
    '| train/                |          |',
    '|    approx_kl          | 3.83e-05 |',
    '|    clipfrac           | 0        |',
    '|    entropy            | 0.692    |',
    '|    explained_variance | nan      |',
    '|    learning_rate      | 0.00015  |',
    '|    policy_loss        | -0.00434 |',
    '|    value_loss         | 40.5     |',
    '------------------------------------',
    '',
  ].join('\n'));
});

test.run();
