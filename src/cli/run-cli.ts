// The `policygrad` command line: subcommand dispatch, --help for the tool and each command, and
// exit codes — 0 success, 1 a failure (a failing check, an error while running), 2 a malformed
// command line or configuration, reported before anything is written, 75 a run folder in use by
// another process (EX_TEMPFAIL: try again later).
import { parseArgs } from 'node:util';
import { packageVersion } from '../io/package-version.js';
import { RUN_IN_USE_EXIT_CODE, RunFolderInUseError } from '../io/run-lock.js';
import { benchCommand } from './bench-command.js';
import { UsageError, type Command, type CommandIO, type CommandOption, type ParsedArguments } from './command.js';
import { ConfigError, nearest } from '../util/settings-schema.js';
import { quote } from '../util/validate.js';
import { gradcheckCommand } from './gradcheck-command.js';
import { plotCommand } from './plot-command.js';
import { trainCommand } from './train-command.js';
import { evalCommand } from './eval-command.js';
import { reportCommand } from './report-command.js';
import { sweepCommand } from './sweep-command.js';
import { workerCommand } from './worker-command.js';

/** The commands, in the order --help lists them. */
export const COMMANDS: readonly Command[] = [trainCommand, evalCommand, gradcheckCommand, benchCommand, plotCommand, sweepCommand, workerCommand, reportCommand];

/** Runs `policygrad ...argv`; resolves to the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CommandIO, commands: readonly Command[] = COMMANDS): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(toolHelp(commands));
    return 2;
  }
  if (first === '--help' || first === '-h') {
    io.stdout.write(toolHelp(commands));
    return 0;
  }
  if (first === '--version') {
    io.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  if (first === 'help') return runCli(rest.length > 0 ? [rest[0]!, '--help'] : ['--help'], io, commands);
  const command = commands.find((c) => c.name === first);
  if (command === undefined) {
    io.stderr.write(`policygrad: unknown command '${first}'; commands: ${commands.map((c) => c.name).join(', ')}. Run 'policygrad --help'.\n`);
    return 2;
  }
  try {
    const args = parseCommandLine(command, rest);
    if (args.values.help) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    return await (args.values.json ? withConsoleOnStderr(() => command.run(args, io)) : command.run(args, io));
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`policygrad ${command.name}: ${error.message}\nRun 'policygrad ${command.name} --help' for usage.\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`policygrad ${command.name}: ${error.message}\n`);
      return 2;
    }
    if (error instanceof RunFolderInUseError) {
      io.stderr.write(`policygrad ${command.name}: ${error.message}\n`);
      return RUN_IN_USE_EXIT_CODE;
    }
    io.stderr.write(`policygrad ${command.name}: ${(error as Error)?.message ?? String(error)}\n`);
    return 1;
  }
}

function parseCommandLine(command: Command, args: string[]): ParsedArguments {
  const declared: Record<string, CommandOption> = { ...command.options, help: { type: 'boolean', short: 'h', doc: '' } };
  const options = Object.fromEntries(Object.entries(declared).map(([name, { type, short, multiple }]) => [
    name,
    { type, ...(short === undefined ? {} : { short }), ...(multiple === undefined ? {} : { multiple }) },
  ]));
  try {
    return parseArgs({ args: joinNegativeValues(declared, args), options, allowPositionals: command.positionals ?? false, strict: true }) as ParsedArguments;
  } catch (error) {
    // parseArgs's own errors (unknown flag, missing value, stray positional) carry ERR_PARSE_ARGS_* codes.
    const code = String((error as NodeJS.ErrnoException).code);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(unknownOptionMessage((error as Error).message, Object.keys(declared)));
    if (code.startsWith('ERR_PARSE_ARGS')) throw new UsageError((error as Error).message);
    throw error;
  }
}

/**
 * `--seed -1` as `--seed=-1`: parseArgs takes a value that starts with a dash for a flag of its
 * own and calls the option's value ambiguous, so a negative number after an option that takes a
 * value is joined to it — the command then checks the number's range and says what it accepts.
 */
function joinNegativeValues(options: Record<string, CommandOption>, args: readonly string[]): string[] {
  const byShort = new Map(Object.entries(options).filter(([, o]) => o.short !== undefined).map(([name, o]) => [o.short!, name]));
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      joined.push(...args.slice(i));
      break;
    }
    const next = args[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : /^-[^-]$/.test(arg) ? byShort.get(arg.slice(1)) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-(\d|\.\d|Infinity$)/.test(next)) {
      joined.push(`--${name}=${next}`);
      i++;
    } else joined.push(arg);
  }
  return joined;
}

/** "unknown option '--stpes'; did you mean '--steps'?", from parseArgs's "Unknown option '--stpes'…". */
function unknownOptionMessage(parseMessage: string, known: readonly string[]): string {
  const option = /'(-[^']*)'/.exec(parseMessage)?.[1];
  if (option === undefined) return parseMessage;
  const guess = nearest(option.replace(/^--?/, '').split('=')[0]!, known);
  return `unknown option ${quote(option)}${guess === undefined ? '' : `; did you mean '--${guess}'?`}`;
}

/**
 * Runs `task` with console.log, info and debug sent to stderr, so that a --json run's stdout holds
 * its one JSON document even if a library logs while it works.
 */
async function withConsoleOnStderr<T>(task: () => Promise<T>): Promise<T> {
  const saved = { log: console.log, info: console.info, debug: console.debug };
  console.log = console.info = console.debug = console.error;
  try {
    return await task();
  } finally {
    Object.assign(console, saved);
  }
}

function toolHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `policygrad ${packageVersion()}: policy-gradient reinforcement learning from scratch`,
    '',
    'Usage: policygrad COMMAND [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'policygrad COMMAND --help' for a command's options; 'policygrad --version' for the version.",
    '',
  ].join('\n');
}

/** A command's --help: usage, description, and each option with its placeholder and doc. */
export function commandHelp(command: Command): string {
  const flags = Object.entries(command.options).map(([name, option]) => [
    `${option.short ? `-${option.short}, ` : '    '}--${name}${option.type === 'string' ? ` ${option.valueName ?? 'VALUE'}` : ''}`,
    `${option.doc}${option.multiple ? ' (repeatable)' : ''}`,
  ]);
  flags.push(['-h, --help', 'show this help']);
  const width = Math.max(...flags.map(([flag]) => flag!.length));
  return [
    `Usage: ${command.usage}`,
    '',
    command.description,
    '',
    'Options:',
    ...flags.map(([flag, doc]) => `  ${flag!.padEnd(width)}  ${doc}`),
    '',
  ].join('\n');
}
