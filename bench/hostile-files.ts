// Hostile inputs to the readers of untrusted files: header bombs that fit under the 100 MB header
// limit, endless inputs, a configuration inside a checkpoint with a 90 MB name. Each is written to
// a temporary folder and read in a fresh process, whose peak resident memory (VmHWM, sampled
// from /proc by this process, so that a runaway child is measured too) and wall time are reported.
// A child is killed past `--limit-s` seconds (default 120) or 3 GiB resident, and reported so.
// Linux only (/proc). Usage: node dist/bench/hostile-files.js [--limit-s S] [--json]
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECKPOINT_FORMAT } from '../src/train/checkpoint.js';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const DECODE = fileURLToPath(new URL('../src/io/safetensors.js', import.meta.url));
const KILL_RSS_KIB = 3 * 1024 * 1024;

/** A safetensors file: the 8-byte length, then `header` (ASCII), padded to 8 bytes with spaces. */
function safetensorsFile(header: string): Buffer {
  const padded = header.padEnd(Math.ceil(header.length / 8) * 8, ' ');
  const file = Buffer.alloc(8 + padded.length);
  file.writeBigUInt64LE(BigInt(padded.length), 0);
  file.write(padded, 8, 'latin1');
  return file;
}

/** `count` pieces made by `piece(i)`, joined by commas, built in chunks to keep this process small. */
function joined(count: number, piece: (i: number) => string): string {
  const chunks: string[] = [];
  for (let start = 0; start < count; start += 100_000) {
    const part: string[] = [];
    for (let i = start; i < Math.min(count, start + 100_000); i++) part.push(piece(i));
    chunks.push(part.join(','));
  }
  return chunks.join(',');
}

/** A checkpoint whose metadata holds `config` (and an empty state), with no tensors. */
function checkpointWithConfig(config: string): Buffer {
  return safetensorsFile(JSON.stringify({ __metadata__: { config, format: CHECKPOINT_FORMAT, state: '{}' } }));
}

interface Case {
  name: string;
  /** Writes the file into `dir` and returns the child's arguments (after `node`). */
  prepare(dir: string): string[];
}

/** A child that decodes one file with decodeSafetensors, as the issue measured it. */
const decodeChild = (path: string) => ['--input-type=module', '-e', `import { readFileSync } from 'node:fs'; import { decodeSafetensors } from ${JSON.stringify(DECODE)};
try { decodeSafetensors(readFileSync(${JSON.stringify(path)})); console.log('accepted'); } catch (e) { console.log(String(e.message).slice(0, 200)); }`];

const CASES: Case[] = [
  {
    name: '3M metadata keys (41 MB)',
    prepare(dir) {
      const path = join(dir, 'metadata-keys.safetensors');
      writeFileSync(path, safetensorsFile(`{"__metadata__":{${joined(3_000_000, (i) => `"${i.toString(36)}":""`)}}}`));
      return decodeChild(path);
    },
  },
  {
    name: '1M zero-length tensors (53 MB)',
    prepare(dir) {
      const path = join(dir, 'tensors.safetensors');
      writeFileSync(path, safetensorsFile(`{${joined(1_000_000, (i) => `"${i.toString(36)}":{"dtype":"U8","shape":[0],"data_offsets":[0,0]}`)}}`));
      return decodeChild(path);
    },
  },
  {
    name: 'one empty tensor of rank 4.9·10⁷ (98 MB)',
    prepare(dir) {
      const path = join(dir, 'rank.safetensors');
      writeFileSync(path, safetensorsFile(`{"t":{"dtype":"U8","shape":[${'0,'.repeat(49_000_000 - 1)}0],"data_offsets":[0,0]}}`));
      return decodeChild(path);
    },
  },
  {
    name: 'JSON nested 4·10⁷ deep (80 MB)',
    prepare(dir) {
      const path = join(dir, 'deep.safetensors');
      writeFileSync(path, safetensorsFile(`${'['.repeat(40_000_000)}${']'.repeat(40_000_000)}`));
      return decodeChild(path);
    },
  },
  {
    name: 'eval --checkpoint /dev/zero',
    prepare: () => [CLI, 'eval', '--checkpoint', '/dev/zero'],
  },
  {
    name: 'eval --checkpoint FIFO (a writer that never stops)',
    prepare(dir) {
      const path = join(dir, 'fifo');
      execFileSync('mkfifo', [path]);
      // The writer is the shell's `yes`, started by the child's shell so that both go together.
      return ['-e', `require('node:child_process').spawn('sh', ['-c', 'exec yes > ${path}'], { stdio: 'ignore' }).unref(); require('node:child_process').spawnSync(process.execPath, [${JSON.stringify(CLI)}, 'eval', '--checkpoint', ${JSON.stringify(path)}], { stdio: 'inherit' })`];
    },
  },
  {
    name: 'eval of a checkpoint whose env name is 90 MB',
    prepare(dir) {
      const path = join(dir, 'env-name.safetensors');
      writeFileSync(path, checkpointWithConfig(`{"algo":"ppo","env":"${'x'.repeat(90_000_000)}"}`));
      return [CLI, 'eval', '--checkpoint', path];
    },
  },
  {
    name: '--config of 10⁶ hiddenSizes',
    prepare(dir) {
      const path = join(dir, 'layers.json');
      writeFileSync(path, `{"hiddenSizes":[${'1,'.repeat(999_999)}1]}`);
      return [CLI, 'train', '--algo', 'ppo', '--env', 'CartPole-v1', '--out', join(dir, 'run'), '--config', path];
    },
  },
];

interface Result {
  name: string;
  seconds: number;
  peakRssMiB: number;
  /** The child's exit code, or how it was stopped. */
  outcome: string;
  /** Bytes the child printed (stdout and stderr), and the start of it. */
  outputBytes: number;
  output: string;
}

function peakRssKiB(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** The peak over the child and its own children (the FIFO case runs the CLI as a grandchild). */
function treePeakKiB(pid: number): number {
  let peak = peakRssKiB(pid);
  try {
    for (const child of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) peak = Math.max(peak, treePeakKiB(Number(child)));
  } catch {
    // gone already
  }
  return peak;
}

function run(testCase: Case, dir: string, limitSeconds: number): Promise<Result> {
  const args = testCase.prepare(dir);
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let peak = 0;
    let stopped: string | undefined;
    const output: Buffer[] = [];
    let outputBytes = 0;
    const collect = (chunk: Buffer) => {
      outputBytes += chunk.length;
      if (outputBytes - chunk.length < 4096) output.push(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const stop = (why: string) => {
      stopped ??= why;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const sampler = setInterval(() => {
      peak = Math.max(peak, treePeakKiB(child.pid!));
      if (peak > KILL_RSS_KIB) stop('killed at 3 GiB');
      if (Number(process.hrtime.bigint() - start) / 1e9 > limitSeconds) stop(`killed after ${limitSeconds} s`);
    }, 20);
    child.on('exit', (code) => {
      clearInterval(sampler);
      stop('done'); // the FIFO's writer, if still there
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const text = Buffer.concat(output).toString('utf8').slice(0, 300).replace(/\s+/g, ' ').trim();
      resolve({ name: testCase.name, seconds, peakRssMiB: peak / 1024, outcome: stopped !== 'done' && stopped !== undefined ? stopped : `exit ${code}`, outputBytes, output: text });
    });
  });
}

const argv = process.argv.slice(2);
const limitIndex = argv.indexOf('--limit-s');
const limitSeconds = limitIndex >= 0 ? Number(argv[limitIndex + 1]) : 120;
const results: Result[] = [];
for (const testCase of CASES) {
  const dir = mkdtempSync(join(tmpdir(), 'policygrad-hostile-'));
  try {
    const result = await run(testCase, dir, limitSeconds);
    results.push(result);
    if (!argv.includes('--json')) console.log(`${result.name.padEnd(52)} ${result.seconds.toFixed(2).padStart(7)} s ${result.peakRssMiB.toFixed(0).padStart(6)} MiB  ${result.outcome}; ${result.outputBytes} bytes out: ${result.output.slice(0, 120)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (argv.includes('--json')) console.log(JSON.stringify(results, null, 2));
