// Every ```console example of README.md and docs/cli.md, run against the built command
// (dist/src/cli/main.js, as `policygrad` on PATH) with `sh`, the blocks of one file in order in one
// fresh temporary folder: each command's exit code, and its printed output (standard error and
// standard output together) against the lines the example shows, literally except where `…` marks
// text that varies (docs/cli.md states the convention). The matcher is also shown to reject wrong
// expectations. And every relative link in README.md and docs/*.md must name a file that exists,
// and an anchor into a Markdown file must name one of its headings (GitHub's slugs).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchFolder } from '../helpers/scratch-folder.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const main = join(root, 'dist/src/cli/main.js');
const EXAMPLE_FILES = ['README.md', 'docs/cli.md'];
const LINKED_FILES = ['README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

/** One `$ command` of a console block, with what it shows after it. */
interface Example {
  file: string;
  /** 1-based line of the command in its file. */
  line: number;
  command: string;
  /** The output lines shown; empty: only the exit code is checked. */
  output: string[];
  exitCode: number;
}

/** The commands of the ```console blocks of a Markdown text, in order (```console no-run blocks are left out). */
function consoleExamples(file: string, text: string): Example[] {
  const lines = text.split('\n');
  const examples: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```console(\s+no-run)?\s*$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    let current: Example | undefined;
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]!); i++) {
      const line = lines[i]!.slice(indent).trimEnd();
      if (open[2]) continue;
      if (line.startsWith('$ ')) {
        current = { file, line: i + 1, command: line.slice(2), output: [], exitCode: 0 };
        examples.push(current);
        continue;
      }
      if (current === undefined) throw new Error(`${file}:${i + 1}: a console block must start with a '$ ' command`);
      const exit = /^\[exit (\d+)\]$/.exec(line);
      if (exit) current.exitCode = Number(exit[1]);
      else current.output.push(line);
    }
  }
  return examples;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether printed `actual` text matches the `expected` lines: each line literally, but `…` inside a
 * line matches any text within the line and a line that is only `…` any number of whole lines.
 * Trailing spaces and trailing empty lines do not count.
 */
function outputMatches(expected: readonly string[], actual: string): boolean {
  const actualLines = actual.split('\n').map((line) => line.trimEnd());
  while (actualLines.length > 0 && actualLines.at(-1) === '') actualLines.pop();
  const pattern = expected.map((line) => line.trimEnd() === '…'
    ? '(?:[^\\n]*\\n)*?'
    : `${line.trimEnd().split('…').map(escapeRegExp).join('[^\\n]*?')}\\n`).join('');
  return new RegExp(`^${pattern}$`).test(actualLines.map((line) => `${line}\n`).join(''));
}

/** A folder whose bin/ holds a `policygrad` that runs the built command. */
function workFolder(): { cwd: string; path: string } {
  const cwd = scratchFolder('docs');
  const bin = join(cwd, '.bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'policygrad'), `#!/bin/sh\nexec '${process.execPath}' '${main}' "$@"\n`);
  chmodSync(join(bin, 'policygrad'), 0o755);
  return { cwd, path: `${bin}:${process.env.PATH ?? ''}` };
}

/** Runs one example in `folder`; resolves to undefined if it matches, else what differs. */
function runExample(example: Example, folder: { cwd: string; path: string }): Promise<string | undefined> {
  return new Promise((resolve) => {
    // exec 2>&1: standard error and output in one pipe, in the order they were written.
    const child = spawn('sh', ['-c', `exec 2>&1\n${example.command}`], {
      cwd: folder.cwd, env: { ...process.env, PATH: folder.path }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let printed = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { printed += chunk; });
    child.on('close', (code) => {
      const where = `${example.file}:${example.line}: $ ${example.command}`;
      if (code !== example.exitCode) resolve(`${where}\nexit code ${code}, expected ${example.exitCode}; it printed:\n${printed}`);
      else if (example.output.length > 0 && !outputMatches(example.output, printed)) {
        resolve(`${where}\nprinted:\n${printed}\nexpected:\n${example.output.join('\n')}`);
      } else resolve(undefined);
    });
  });
}

test('the matcher: … within a line, … as lines, and a wrong expectation fails', () => {
  const printed = 'Trained ppo: 4096 steps in 1.7 s\n2,048 steps\n4,096 steps\nRun folder: runs/x  \n\n';
  assert.ok(outputMatches(['Trained ppo: 4096 steps in … s', '…', 'Run folder: runs/x'], printed));
  assert.ok(outputMatches(['Trained ppo: … s', '2,048 steps', '4,096 steps', 'Run folder: …'], printed));
  assert.not.ok(outputMatches(['Trained ppo: 4097 steps in … s', '…', 'Run folder: runs/x'], printed), 'a wrong number');
  assert.not.ok(outputMatches(['Trained ppo: 4096 steps in … s', 'Run folder: runs/x'], printed), 'lines left out without …');
  assert.not.ok(outputMatches(['Trained ppo: 4096 steps in … s', '…'], 'Trained ppo: 4096 steps in 1\n.7 s\n'), '… within a line stays within it');
  assert.not.ok(outputMatches(['a.c'], 'abc\n'), 'regular-expression characters are literal');
});

test('an example whose output or exit code is wrong fails', async () => {
  const folder = workFolder();
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const [right, wrongOutput, wrongCode] = consoleExamples('test', [
    '```console', '$ policygrad --version', version, '$ policygrad --version', '0.0.0-wrong',
    '$ policygrad --version', '[exit 2]', '```',
  ].join('\n'));
  assert.is(await runExample(right!, folder), undefined);
  assert.match((await runExample(wrongOutput!, folder)) ?? '', /expected:\n0\.0\.0-wrong/);
  assert.match((await runExample(wrongCode!, folder)) ?? '', /exit code 0, expected 2/);
});

for (const file of EXAMPLE_FILES) {
  test(`every console example of ${file} runs and prints what it shows`, async () => {
    const examples = consoleExamples(file, readFileSync(join(root, file), 'utf8'));
    assert.ok(examples.length > 0, `${file} has console examples`);
    const folder = workFolder();
    for (const example of examples) {
      const problem = await runExample(example, folder);
      if (problem !== undefined) assert.unreachable(problem);
    }
  });
}

/** GitHub's anchor of a heading: lower case, punctuation but - and _ removed, spaces as -. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

/** A Markdown text without its fenced code blocks and code spans, where a `](` is not a link. */
function withoutCode(text: string): string {
  return text.replace(/^\s*```[^\n]*\n[\s\S]*?^\s*```\s*$/gm, '').replace(/`[^`\n]*`/g, '');
}

function anchors(text: string): Set<string> {
  return new Set(withoutCode(text).split('\n').filter((line) => /^#{1,6} /.test(line)).map((line) => slug(line.replace(/^#+ /, ''))));
}

test('every relative link in README.md and docs/*.md names an existing file and heading', () => {
  const problems: string[] = [];
  for (const file of LINKED_FILES) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const [, target] of withoutCode(text).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue;
      const [path, anchor] = target!.split('#') as [string, string | undefined];
      const resolved = path === '' ? join(root, file) : join(root, dirname(file), path);
      if (!existsSync(resolved)) {
        problems.push(`${file}: ${target} (no file ${relative(root, resolved)})`);
        continue;
      }
      if (anchor !== undefined && resolved.endsWith('.md') && !anchors(readFileSync(resolved, 'utf8')).has(anchor)) {
        problems.push(`${file}: ${target} (no heading #${anchor} in ${relative(root, resolved)})`);
      }
    }
  }
  assert.equal(problems, []);
});

test.run();
