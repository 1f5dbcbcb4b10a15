// `policygrad bench`: every benchmark suite of bench/ (shipped in dist/bench), as tables or JSON.
import { writeJson, type Command } from './command.js';

export const benchCommand: Command = {
  name: 'bench',
  summary: 'run the benchmark suites (kernels, MLP, second-order products, environments); about a minute',
  usage: 'policygrad bench [--json]',
  description: 'Times gemm, the 4-64-64-2 MLP, Hessian–vector products against gradients, raw environment stepping,\n'
    + 'rollout collection, PPO end to end, and the Fisher products and CG solve of TRPO, single-threaded, with tinybench\n'
    + '(median latency after a warm-up). When the TensorFlow.js wasm backend is installed it is measured in the same\n'
    + 'run for comparison. Progress goes to stderr. Needs the package tinybench (npm install tinybench).',
  options: {
    json: { type: 'boolean', doc: 'print one JSON document with every measurement' },
  },
  async run({ values }, io) {
    // Loaded here, not at the top: tinybench and the suites are needed by this command only, and
    // tinybench is an optional peer dependency that a library user need not install.
    const { formatBenchmarks, runBenchmarks } = await import('../../bench/suites.js').catch((error: unknown) => {
      const { code, message } = error as { code?: unknown; message?: unknown };
      if (code === 'ERR_MODULE_NOT_FOUND' && String(message).includes("'tinybench'")) {
        throw new Error("needs the package 'tinybench', an optional peer dependency of policygrad: npm install tinybench");
      }
      throw error;
    });
    const report = await runBenchmarks((message) => io.stderr.write(`bench: ${message}\n`));
    if (values.json) writeJson(io, report);
    else io.stdout.write(`${formatBenchmarks(report)}\n`);
    return 0;
  },
};
