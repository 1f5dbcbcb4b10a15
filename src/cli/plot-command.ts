// `policygrad plot RUN_DIR... --out FILE.svg`: the learning curves of run folders in one SVG.
import { writeFileAtomicSync } from '../io/atomic-write.js';
import { runCurvesSvg } from '../report/run-curves.js';
import { UsageError, type Command } from './command.js';

export const plotCommand: Command = {
  name: 'plot',
  summary: 'draw the learning curves of run folders into an SVG',
  usage: 'policygrad plot RUN_DIR... --out FILE.svg [--title TEXT]',
  description: "Reads each RUN_DIR's config.json (algo, env, seed) and metrics.jsonl (global_step, episodic_return) and\n"
    + 'draws return against environment steps. Runs of the same algorithm and environment (several seeds) become one\n'
    + "curve: their median with a min–max band. When all runs share an environment, its \"solved at\" return is drawn.",
  positionals: true,
  options: {
    out: { type: 'string', short: 'o', valueName: 'FILE.svg', doc: 'where to write the SVG (required)' },
    title: { type: 'string', valueName: 'TEXT', doc: 'the plot title (default: the environment)' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError('name at least one RUN_DIR');
    if (typeof values.out !== 'string') throw new UsageError('--out FILE.svg is required');
    const svg = runCurvesSvg(positionals, typeof values.title === 'string' ? { title: values.title } : {});
    writeFileAtomicSync(values.out, svg);
    io.stdout.write(`Wrote ${values.out} (${positionals.length} run${positionals.length === 1 ? '' : 's'})\n`);
    return 0;
  },
};
