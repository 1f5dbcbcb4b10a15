// `policygrad report` on small fixed run folders written here (config.json, summary.json,
// metrics.jsonl): runs are grouped by environment, algorithm and the settings that differ; the
// table's numbers are those of the statistics module on the summaries' final returns (itself
// tested against rliable, numpy and scipy: test/studies/statistics.test.ts) — the same
// estimates and, with the same seed and replications, the same intervals, to the digits printed;
// a run without a summary takes its last logged return; the learning curves' IQM at a grid point
// where every run has a record is the IQM of those records; both SVGs parse as XML
// (test/helpers/xml.ts) with one curve per group; with --score evaluation the same statistics are
// those of the summaries' final evaluations, a run without one counted as missing. Exact, no
// tolerance.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import { aggregateMean, interquartileMean, percentile, probabilityOfImprovement } from '../../src/studies/aggregates.js';
import { stratifiedBootstrap } from '../../src/studies/bootstrap.js';
import { formatScore, medianOfRuns, studyReport } from '../../src/studies/study-report.js';
import { findRunFolders, groupRuns, readStudyRun } from '../../src/studies/study-runs.js';
import { allElements, parseXml } from '../helpers/xml.js';
import { scratchFolder } from '../helpers/scratch-folder.js';

const folder = scratchFolder('report');
const study = join(folder, 'study');
/** Final returns by algorithm: PPO's five seeds, TRPO's five (one with a tie). */
const FINALS = { ppo: [498.1, 500, 463.2, 500, 487.5], trpo: [500, 455, 391.4, 500, 472.8] };

function writeRun(algo: string, seed: number, final: number, withSummary = true, learningRate = 3e-4): string {
  const dir = join(study, `${algo}-CartPole-v1-seed${seed}-lr${learningRate}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ algo, env: 'CartPole-v1', version: '0.1.0', seed, totalSteps: 300, learningRate }));
  // Returns at steps 100, 200, 300: a tenth, a half, then the final return.
  const lines = [0.1, 0.5, 1].map((f, i) => JSON.stringify({ iteration: i + 1, global_step: 100 * (i + 1), episodic_return: f * final, sps: 1000 }));
  writeFileSync(join(dir, 'metrics.jsonl'), `${lines.join('\n')}\n`);
  if (withSummary) writeFileSync(join(dir, 'summary.json'), JSON.stringify({ algo, env: 'CartPole-v1', seed, finalReturn: final, solved: final >= 475, wallSeconds: 10 + seed, interrupted: false }));
  return dir;
}

FINALS.ppo.forEach((final, i) => writeRun('ppo', i + 1, final));
// TRPO's last seed has no summary (a run still going, say): its last logged return counts.
FINALS.trpo.forEach((final, i) => writeRun('trpo', i + 1, final, i < 4));

const OPTIONS = { reps: 2000, curveReps: 200, seed: 0, points: 3 };

test('the table holds the statistics module\'s estimates and intervals of the final returns', () => {
  const groups = groupRuns(findRunFolders([study]).map(readStudyRun));
  assert.equal(groups.map((g) => [g.env, g.label, g.runs.length]), [['CartPole-v1', 'ppo', 5], ['CartPole-v1', 'trpo', 5]]);
  const report = studyReport(groups, OPTIONS);
  for (const [algo, finals] of Object.entries(FINALS)) {
    const row = report.statistics.find((r) => r.label === algo)!;
    assert.equal(row.finals, finals);
    const boot = { reps: 2000, seed: 0 };
    assert.equal(row.mean, stratifiedBootstrap([[finals]], aggregateMean, boot));
    assert.equal(row.iqm, stratifiedBootstrap([[finals]], interquartileMean, boot));
    assert.equal(row.median, stratifiedBootstrap([[finals]], medianOfRuns, boot));
    assert.is(row.median.estimate, percentile(finals, 50));
    const cells = `${formatScore(row.iqm.estimate)} [${formatScore(row.iqm.lower)}, ${formatScore(row.iqm.upper)}]`;
    assert.ok(report.markdown.includes(cells), `${algo} IQM ${cells} in\n${report.markdown}`);
  }
  assert.is(report.statistics[0]!.iqm.estimate, (487.5 + 498.1 + 500) / 3, 'the middle three of five (⌊5/4⌋ = 1 cut from each end)');
  assert.equal(report.statistics[0]!.solved, { yes: 4, of: 5 });
  assert.equal(report.statistics[1]!.solved, { yes: 2, of: 4 }, 'the run without a summary does not say');
  assert.is(report.statistics[0]!.medianWallSeconds, 13);
  const ppoOverTrpo = report.improvements.find((i) => i.x === 'ppo' && i.y === 'trpo')!;
  assert.equal(ppoOverTrpo.probability, stratifiedBootstrap([[FINALS.ppo], [FINALS.trpo]], probabilityOfImprovement, { reps: 2000, seed: 0 }));
  // By hand: of the 25 pairs, PPO wins 14 and ties 4 (500 against 500, twice twice): (14 + 2) / 25.
  assert.is(ppoOverTrpo.probability.estimate, 16 / 25);
  assert.ok(report.markdown.includes(`| CartPole-v1 | ppo  | trpo | ${ppoOverTrpo.probability.estimate.toFixed(2)} [`), report.markdown);
});

test('the curves are the IQM over seeds on a common grid; both figures are well-formed SVG with one curve per group', () => {
  const report = studyReport(groupRuns(findRunFolders([study]).map(readStudyRun)), OPTIONS);
  for (const svg of [report.curvesSvg, report.profilesSvg]) {
    const root = parseXml(svg);
    assert.is(root.name, 'svg');
    const curves = allElements(root).filter((e) => e.attributes.class === 'curve');
    assert.equal(curves.map((e) => e.attributes['data-label']), ['ppo', 'trpo']);
    assert.is(allElements(root).filter((e) => e.attributes.class === 'band').length, 2);
  }
  // The grid's points are the records' steps 100, 200, 300: the IQM there is that of the records.
  const groups = groupRuns(findRunFolders([study]).map(readStudyRun));
  const runs = groups[0]!.runs;
  assert.equal(runs.map((run) => run.returns[1]), FINALS.ppo.map((f) => 0.5 * f));
});

test('a setting that differs between runs of one algorithm makes groups of its own; the command writes the table and the figures', async () => {
  writeRun('ppo', 1, 420, true, 1e-3);
  writeRun('ppo', 2, 440, true, 1e-3);
  const groups = groupRuns(findRunFolders([study]).map(readStudyRun));
  assert.equal(groups.map((g) => [g.label, g.runs.length]), [['ppo learningRate=0.0003', 5], ['ppo learningRate=0.001', 2], ['trpo', 5]]);
  const out = join(folder, 'report.md');
  let stdout = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true } };
  assert.is(await runCli(['report', study, '--out', out, '--reps', '500'], io), 0);
  assert.match(stdout, /Report of 12 runs/);
  const markdown = readFileSync(out, 'utf8');
  assert.match(markdown, /\| CartPole-v1 \| ppo learningRate=0\.001 +\|/);
  assert.match(markdown, /!\[Learning curves\]\(report-curves\.svg\)/);
  parseXml(readFileSync(join(folder, 'report-curves.svg'), 'utf8'));
  parseXml(readFileSync(join(folder, 'report-profiles.svg'), 'utf8'));
  assert.is(await runCli(['report', join(folder, 'nothing-here')], io), 1);
});

test('--score evaluation ranks the runs by their final evaluations; a run without one is counted apart', async () => {
  const evaluated = join(folder, 'evaluated');
  /** Evaluation means by algorithm; PPO's last run has none, TRPO's second a malformed one. */
  const EVALUATIONS = { ppo: [500, 480.5, 492, undefined], trpo: [471, 'high', 455.5] };
  for (const [algo, means] of Object.entries(EVALUATIONS)) {
    means.forEach((mean, i) => {
      const dir = join(evaluated, `${algo}-${i}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ algo, env: 'CartPole-v1', version: '0.1.0', seed: i + 1, totalSteps: 300 }));
      writeFileSync(join(dir, 'metrics.jsonl'), `${JSON.stringify({ iteration: 1, global_step: 300, episodic_return: 100 + i, sps: 1000 })}\n`);
      const summary = { algo, env: 'CartPole-v1', seed: i + 1, finalReturn: 100 + i, interrupted: false, ...(mean === undefined ? {} : { evaluation: { episodes: 10, mean, std: 1 } }) };
      writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary));
    });
  }
  const runs = findRunFolders([evaluated]).map(readStudyRun);
  assert.equal(runs.map((run) => run.evaluation), [{ episodes: 10, mean: 500 }, { episodes: 10, mean: 480.5 }, { episodes: 10, mean: 492 }, undefined, { episodes: 10, mean: 471 }, undefined, { episodes: 10, mean: 455.5 }]);
  const report = studyReport(groupRuns(runs), { ...OPTIONS, score: 'evaluation' });
  assert.equal(report.statistics.map((row) => [row.label, row.finals, row.missing]), [['ppo', [500, 480.5, 492], 1], ['trpo', [471, 455.5], 1]]);
  assert.equal(report.statistics[0]!.iqm, stratifiedBootstrap([[[500, 480.5, 492]]], interquartileMean, { reps: 2000, seed: 0 }));
  assert.ok(report.markdown.startsWith('Evaluation return (mean over the final evaluation'), report.markdown);
  assert.ok(report.markdown.includes('| 3 (+1 without an evaluation) |'), report.markdown);
  assert.ok(report.profilesSvg.includes('evaluation return τ'));
  // The default score is still the final training return.
  assert.equal(studyReport(groupRuns(runs), OPTIONS).statistics.map((row) => row.finals), [[100, 101, 102, 103], [100, 101, 102]]);

  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } };
  assert.is(await runCli(['report', evaluated, '--score', 'evaluation', '--reps', '200'], io), 0);
  assert.match(stdout, /^Evaluation return/);
  assert.is(await runCli(['report', evaluated, '--score', 'best'], io), 2);
  assert.ok(stderr.includes("--score must be one of final-return, evaluation; got 'best'"), stderr);
  assert.is(await runCli(['report', study, '--score', 'evaluation'], io), 1);
  assert.ok(stderr.includes('none of the 12 runs has a final evaluation'), stderr);
});


test.run();
