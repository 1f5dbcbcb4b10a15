// What a subcommand of `policygrad` declares: its flags (for node:util's parseArgs and for
// --help, from one description) and what it runs.
import type { ProgressStream } from '../report/progress-bar.js';

/** The streams a command writes to; `process.stdout`/`stderr`, or doubles in tests. */
export interface CommandIO {
  /** Results only: with --json, exactly one JSON document. */
  stdout: ProgressStream;
  /** Messages, progress and errors. */
  stderr: ProgressStream;
}

export interface CommandOption {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** For string options: the value's placeholder in --help (FILE, N). */
  valueName?: string;
  doc: string;
}

export interface ParsedArguments {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  /** One line, for the tool's command list. */
  summary: string;
  /** `policygrad plot RUN_DIR... --out FILE.svg`. */
  usage: string;
  /** Paragraphs after the usage line in --help. */
  description: string;
  options: Record<string, CommandOption>;
  /** Whether the command takes positional arguments. */
  positionals?: boolean;
  /** Returns the exit code: 0 success, 1 failure; throw UsageError or ConfigError for exit code 2. */
  run(args: ParsedArguments, io: CommandIO): Promise<number>;
}

/** A malformed command line; the command exits with code 2 after saying how to get help. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Writes `value` as the one JSON document of a --json run. */
export function writeJson(io: CommandIO, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * The integer value of flag `--name` (`fallback` when not given); anything else than an integer
 * ≥ `min` is a UsageError that names the flag.
 */
export function integerFlag(value: unknown, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) {
    const expected = min === 0 ? 'a non-negative integer' : min === 1 ? 'a positive integer' : `an integer ≥ ${min}`;
    throw new UsageError(`--${name} must be ${expected}, got '${String(value)}'`);
  }
  return number;
}
