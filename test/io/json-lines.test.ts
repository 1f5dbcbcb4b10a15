import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { forEachJsonLine, JsonLinesWriter, parseJsonLines, readJsonLines } from '../../src/io/json-lines.js';
import { scratchFolder } from '../helpers/scratch-folder.js';

const folder = scratchFolder('jsonl');

test('a writer appends one line per record; the reader returns them in order', () => {
  const path = join(folder, 'metrics.jsonl');
  const writer = new JsonLinesWriter(path);
  writer.append({ global_step: 512, episodic_return: 21.5 });
  writer.append({ global_step: 1024, episodic_return: null, note: 'line\nbreak' });
  writer.close();
  assert.is(readFileSync(path, 'utf8'), '{"global_step":512,"episodic_return":21.5}\n{"global_step":1024,"episodic_return":null,"note":"line\\nbreak"}\n');
  assert.equal(readJsonLines(path), [{ global_step: 512, episodic_return: 21.5 }, { global_step: 1024, episodic_return: null, note: 'line\nbreak' }]);
  assert.throws(() => writer.append({}), /closed/);
});

test('the reader skips a torn last line, even one that happens to parse, and blank lines', () => {
  assert.equal(parseJsonLines('{"a":1}\n\n{"a":2}\n{"a":3'), [{ a: 1 }, { a: 2 }]);
  assert.equal(parseJsonLines('{"a":1}\n12'), [{ a: 1 }], 'a number cut short still parses: a line without its newline is never trusted');
  assert.equal(parseJsonLines(''), []);
});

test('a malformed complete line is an error naming the line', () => {
  assert.throws(() => parseJsonLines('{"a":1}\n{"a":\n{"a":3}\n', 'metrics.jsonl'), /metrics.jsonl: line 2 is not valid JSON/);
});

test('reopening cuts a torn last line off, so the next record starts on its own line', () => {
  const path = join(folder, 'torn.jsonl');
  writeFileSync(path, '{"step":1}\n{"step":2}\n{"ste');
  const writer = new JsonLinesWriter(path);
  writer.append({ step: 3 });
  writer.close();
  assert.is(readFileSync(path, 'utf8'), '{"step":1}\n{"step":2}\n{"step":3}\n');
});

test('keepLines drops the lines written after a checkpoint (resume)', () => {
  const path = join(folder, 'resume.jsonl');
  writeFileSync(path, '{"i":1}\n{"i":2}\n{"i":3}\n');
  appendFileSync(path, '{"i":4');
  const writer = new JsonLinesWriter(path, { keepLines: 2 });
  writer.append({ i: 3, resumed: true });
  writer.close();
  assert.equal(readJsonLines(path), [{ i: 1 }, { i: 2 }, { i: 3, resumed: true }]);
  const fresh = new JsonLinesWriter(join(folder, 'new.jsonl'), { keepLines: 5 });
  fresh.close();
  assert.is(readFileSync(join(folder, 'new.jsonl'), 'utf8'), '', 'a missing file is created empty');
});

test('append rejects values that are not JSON', () => {
  const writer = new JsonLinesWriter(join(folder, 'bad.jsonl'));
  assert.throws(() => writer.append(undefined), /cannot write undefined as JSON/);
  assert.throws(() => writer.append({ big: 1n }), /BigInt/);
  writer.close();
});

test('read line by line, a file of 3 MB with lines across the 1 MiB chunks gives the records readJsonLines gives', () => {
  const path = join(folder, 'long.jsonl');
  // Lines of varied length, one longer than a chunk, a blank line, multi-byte characters, a torn end.
  const lines = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ i, text: 'é'.repeat(i % 97) }));
  lines.splice(777, 0, JSON.stringify({ long: 'x'.repeat(1_500_000) }), '');
  writeFileSync(path, `${lines.join('\n')}\n{"torn":`);
  const visited: unknown[] = [];
  forEachJsonLine(path, (record) => visited.push(record));
  assert.equal(visited, readJsonLines(path));
  assert.is(visited.length, 20_001);
  writeFileSync(path, '{"a":1}\n{"a":\n');
  assert.throws(() => forEachJsonLine(path, () => {}), /long.jsonl: line 2 is not valid JSON/);
});


test.run();
