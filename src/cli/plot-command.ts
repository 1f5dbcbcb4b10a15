// `policygrad plot RUN_DIR... --out FILE.svg [--metric NAME]`: the learning curves of run folders in one SVG.
import { writeFileAtomicSync } from '../io/atomic-write.js';
import { DEFAULT_METRIC, MissingMetricError, runCurvesSvg } from '../report/run-curves.js';
import { UsageError, type Command } from './command.js';

export const plotCommand: Command = {
  name: 'plot',
  summary: 'draw the learning curves (or any logged metric) of run folders into an SVG',
  usage: 'policygrad plot RUN_DIR... --out FILE.svg [--metric NAME] [--title TEXT]',
  description: "Reads each RUN_DIR's config.json (algo, env, seed) and metrics.jsonl (global_step and the metric) and\n"
    + 'draws the metric against environment steps, one panel per environment. Runs of the same algorithm and environment\n'
    + '(several seeds) become one curve: their median with a min–max band. Each curve has its own colour and dash pattern.\n'
    + 'The return\'s panels mark the environment\'s "solved at" return.',
  positionals: true,
  options: {
    out: { type: 'string', short: 'o', valueName: 'FILE.svg', doc: 'where to write the SVG (required)' },
    metric: { type: 'string', valueName: 'NAME', doc: `the metric to draw, any key of metrics.jsonl (default ${DEFAULT_METRIC})` },
    title: { type: 'string', valueName: 'TEXT', doc: 'the plot title (default: the environment)' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError('name at least one RUN_DIR');
    if (typeof values.out !== 'string') throw new UsageError('--out FILE.svg is required');
    let svg: string;
    try {
      svg = runCurvesSvg(positionals, {
        ...(typeof values.title === 'string' ? { title: values.title } : {}),
        ...(typeof values.metric === 'string' ? { metric: values.metric } : {}),
      });
    } catch (error) {
      if (error instanceof MissingMetricError) throw new UsageError(`--metric: ${error.message}`);
      throw error;
    }
    writeFileAtomicSync(values.out, svg);
    io.stdout.write(`Wrote ${values.out} (${positionals.length} run${positionals.length === 1 ? '' : 's'})\n`);
    return 0;
  },
};
