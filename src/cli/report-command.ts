// `policygrad report DIR...`: the statistics of a study's runs (studies/study-report.ts) as a
// Markdown table on stdout or in --out FILE.md, with the learning curves and performance profiles
// as SVG files beside it.
import { dirname, join, basename } from 'node:path';
import { writeFileAtomicSync } from '../io/atomic-write.js';
import { findRunFolders, groupRuns, readStudyRun } from '../studies/study-runs.js';
import { STUDY_SCORES, studyReport, type StudyScore } from '../studies/study-report.js';
import { quote } from '../util/validate.js';
import { integerFlag, UsageError, type Command } from './command.js';

export const reportCommand: Command = {
  name: 'report',
  summary: 'statistics of many runs (mean, median, IQM with bootstrap CIs, probability of improvement) as Markdown and SVG',
  usage: 'policygrad report DIR... [--score final-return|evaluation] [--out FILE.md] [--reps N] [--seed S]',
  description: 'DIR: a sweep\'s output folder (each subfolder with a config.json is a run) or run folders. Runs are grouped by\n'
    + 'environment and algorithm, and by the settings that differ between runs of the same pair (a grid\'s axes; the seed aside).\n'
    + 'Per group: each run\'s score — by default its final return (summary.json\'s mean of the last 100 episodes, else the last\n'
    + 'logged episodic_return); with --score evaluation, its final evaluation (train --eval-episodes N, or a sweep spec\'s\n'
    + '"evalEpisodes": the deterministic policy\'s mean return) — as mean, median and interquartile mean over seeds, each\n'
    + 'with a 95 % stratified-bootstrap interval (rliable\'s definitions); per environment, the probability of improvement\n'
    + 'of each group over each other. With --out FILE.md, FILE-curves.svg (IQM learning curves with their CI band) and\n'
    + 'FILE-profiles.svg (performance profiles) are written beside it.',
  positionals: true,
  options: {
    score: { type: 'string', valueName: 'NAME', doc: 'what each run is scored by: final-return (default) or evaluation; the learning curves are the training returns either way' },
    out: { type: 'string', short: 'o', valueName: 'FILE.md', doc: 'write the Markdown here (and the two SVG figures beside it) instead of to stdout' },
    reps: { type: 'string', valueName: 'N', doc: 'bootstrap replications of the table\'s intervals (default 50000, rliable\'s)' },
    seed: { type: 'string', valueName: 'S', doc: 'seed of the bootstrap resampling (default 0)' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError('expected at least one run folder or sweep folder');
    const integer = (name: string, fallback: number, min: number) => integerFlag(values[name], name, fallback, min);
    const reps = integer('reps', 50_000, 1);
    const seed = integer('seed', 0, 0);
    const score = (values.score ?? 'final-return') as StudyScore;
    if (!Object.hasOwn(STUDY_SCORES, score)) throw new UsageError(`--score must be one of ${Object.keys(STUDY_SCORES).join(', ')}; got ${quote(String(score))}`);
    const runs = findRunFolders(positionals).map(readStudyRun);
    if (score === 'evaluation' && !runs.some((run) => run.evaluation !== undefined)) {
      throw new Error(`none of the ${runs.length} runs has a final evaluation: give each one with train --resume DIR --eval-episodes N, or a sweep spec's "evalEpisodes" (the sweep then evaluates its finished runs)`);
    }
    const report = studyReport(groupRuns(runs), { score, reps, seed });
    if (typeof values.out !== 'string') {
      io.stdout.write(report.markdown);
      return 0;
    }
    const stem = join(dirname(values.out), basename(values.out).replace(/\.md$/i, ''));
    const figures = { curves: `${stem}-curves.svg`, profiles: `${stem}-profiles.svg` };
    writeFileAtomicSync(figures.curves, report.curvesSvg);
    writeFileAtomicSync(figures.profiles, report.profilesSvg);
    const links = `\n![Learning curves](${basename(figures.curves)})\n\n![Performance profiles](${basename(figures.profiles)})\n`;
    writeFileAtomicSync(values.out, report.markdown + links);
    io.stdout.write(`Report of ${runs.length} runs: ${values.out}, ${figures.curves}, ${figures.profiles}\n`);
    return 0;
  },
};
