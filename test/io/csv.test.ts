// progress.csv's format (src/io/csv.ts): numbers as the shortest round-trip text, NaN empty, ±∞ as
// inf/-inf, RFC 4180 quoting; the writer's header, its cut-back of torn and surplus rows (a quoted
// line end is not a row end) and its refusal of an unknown column. Then the reference reader:
// pandas.read_csv (Debian's python3-pandas) must give back every value exactly — with
// float_precision='round_trip', since pandas' default float parser is not correctly rounded.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvField, CsvWriter, formatCsvNumber, parseCsvRecord } from '../../src/io/csv.js';
import { Random } from '../../src/random/prng.js';
import { pandasInstalled, readCsvWithPandas } from '../helpers/pandas.js';
import { scratchFolder } from '../helpers/scratch-folder.js';

const folder = scratchFolder('csv');

test('numbers: String(x) for finite ones (-0 kept), NaN empty, ±Infinity as inf and -inf', () => {
  assert.equal([0.1, 1e-7, 1.5e21, -0, 0, 5e-324, NaN, Infinity, -Infinity, 42].map(formatCsvNumber),
    ['0.1', '1e-7', '1.5e+21', '-0', '0', '5e-324', '', 'inf', '-inf', '42']);
});

test('strings are always quoted, their quotes doubled; null and undefined are empty; parseCsvRecord reverses it', () => {
  assert.equal([csvField('a'), csvField('a,b'), csvField('say "hi"'), csvField('two\r\nlines'), csvField(null), csvField(undefined), csvField(true)],
    ['"a"', '"a,b"', '"say ""hi"""', '"two\r\nlines"', '', '', 'true']);
  const fields = ['plain', 'a,b', 'say "hi"', 'two\r\nlines', ''];
  assert.equal(parseCsvRecord(fields.map((f) => csvField(f)).join(',')), fields);
});

test('the writer: a header from the first record, empty cells for missing keys, an unknown key refused', () => {
  const path = join(folder, 'header.csv');
  const csv = new CsvWriter(path);
  csv.append({ a: 1, b: 'x' });
  csv.append({ a: 2 });
  assert.throws(() => csv.append({ a: 3, c: 4 }), /'c' is not one of its columns \('a', 'b'\)/);
  assert.throws(() => csv.append({ a: { nested: 1 } as never }), /cannot write object as a field/);
  csv.close();
  assert.is(readFileSync(path, 'utf8'), 'a,b\r\n1,"x"\r\n2,\r\n');
});

test('reopening cuts a torn last row, or keeps the header and the first keepRows rows; a quoted line end is not a row end', () => {
  const path = join(folder, 'resume.csv');
  writeFileSync(path, 'a,note\r\n1,"one\r\nrow"\r\n2,"b"\r\n3,"c"\r\n4,"torn');
  const all = new CsvWriter(path);
  assert.equal([all.columns, all.rows], [['a', 'note'], 3]);
  all.close();
  assert.is(readFileSync(path, 'utf8'), 'a,note\r\n1,"one\r\nrow"\r\n2,"b"\r\n3,"c"\r\n');
  const two = new CsvWriter(path, { keepRows: 2 });
  two.append({ a: 5, note: 'e' });
  two.close();
  assert.is(readFileSync(path, 'utf8'), 'a,note\r\n1,"one\r\nrow"\r\n2,"b"\r\n5,"e"\r\n');
  const none = new CsvWriter(path, { keepRows: 0 });
  assert.equal([none.columns, none.rows], [['a', 'note'], 0], 'the header stays');
  none.close();
});

test('pandas.read_csv reads back every double exactly (round_trip), the special values and quoted strings', () => {
  if (!pandasInstalled('the pandas round trip of CSV numbers')) return;
  const random = new Random(7);
  const bits = new DataView(new ArrayBuffer(8));
  const values: number[] = [0.1, 1e-7, 1.5e21, -0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, NaN, Infinity, -Infinity];
  while (values.length < 5000) {
    // Random bit patterns (every exponent) and random numbers at the scales metrics take.
    bits.setUint32(0, random.nextUint32());
    bits.setUint32(4, random.nextUint32());
    const x = bits.getFloat64(0);
    if (Number.isFinite(x)) values.push(x, random.uniform() * Number(`1e${random.integer(21) - 10}`));
  }
  const path = join(folder, 'numbers.csv');
  const csv = new CsvWriter(path);
  const notes = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'nan?'];
  values.forEach((value, i) => csv.append({ value, note: notes[i % notes.length] }));
  csv.close();
  const frame = readCsvWithPandas(path, { float_precision: 'round_trip' });
  assert.equal(frame.columns, ['value', 'note']);
  assert.equal(frame.dtypes, ['float64', 'object']);
  const read = frame.values[0] as number[];
  assert.is(read.length, values.length);
  const wrong = values.flatMap((value, i) => (Object.is(read[i], value) ? [] : [`${value} read as ${read[i]}`]));
  assert.equal(wrong, [], 'every value the same double, -0 and NaN included (Object.is)');
  assert.equal(frame.values[1], values.map((_, i) => notes[i % notes.length]));
});

test.run();
