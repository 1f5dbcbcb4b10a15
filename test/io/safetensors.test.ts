import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeSafetensors, DEFAULT_MAX_METADATA_ENTRIES, DEFAULT_MAX_RANK, DEFAULT_MAX_TENSORS, dtypeSize, encodeSafetensors, SafetensorsError, type DecodeOptions, type Tensor } from '../../src/io/safetensors.js';
import { Random } from '../../src/random/prng.js';

// Written by the reference implementation (Python safetensors 0.8.0, `safetensors.numpy.save`) from
// {'0.weight': f32 [[1.5, -2], [0.25, 3]], '0.bias': f32 [0.5, -0.5], 'step': i64 [7],
//  'log_std': f64 [-1], 'mask': u8 [1, 0, 255], 'count': i32 [[-3], [4]]}, metadata {format: pt, algo: ppo}.
const REFERENCE_HEX = '98010000000000007b225f5f6d657461646174615f5f223a7b22616c676f223a2270706f222c22666f726d6174223a227074227d2c2273746570223a7b226474797065223a22493634222c227368617065223a5b315d2c22646174615f6f666673657473223a5b302c385d7d2c226c6f675f737464223a7b226474797065223a22463634222c227368617065223a5b315d2c22646174615f6f666673657473223a5b382c31365d7d2c22302e62696173223a7b226474797065223a22463332222c227368617065223a5b325d2c22646174615f6f666673657473223a5b31362c32345d7d2c22302e776569676874223a7b226474797065223a22463332222c227368617065223a5b322c325d2c22646174615f6f666673657473223a5b32342c34305d7d2c22636f756e74223a7b226474797065223a22493332222c227368617065223a5b322c315d2c22646174615f6f666673657473223a5b34302c34385d7d2c226d61736b223a7b226474797065223a225538222c227368617065223a5b335d2c22646174615f6f666673657473223a5b34382c35315d7d7d20202020200700000000000000000000000000f0bf0000003f000000bf0000c03f000000c00000803e00004040fdffffff040000000100ff';
const reference = Uint8Array.from(Buffer.from(REFERENCE_HEX, 'hex'));

const referenceTensors: Record<string, Tensor> = {
  '0.weight': { dtype: 'F32', shape: [2, 2], data: Float32Array.of(1.5, -2, 0.25, 3) },
  '0.bias': { dtype: 'F32', shape: [2], data: Float32Array.of(0.5, -0.5) },
  step: { dtype: 'I64', shape: [1], data: BigInt64Array.of(7n) },
  log_std: { dtype: 'F64', shape: [1], data: Float64Array.of(-1) },
  mask: { dtype: 'U8', shape: [3], data: Uint8Array.of(1, 0, 255) },
  count: { dtype: 'I32', shape: [2, 1], data: Int32Array.of(-3, 4) },
};

/** A file in the format, assembled by hand from a header object and the data bytes. */
function assemble(header: unknown, data: Uint8Array, headerText = JSON.stringify(header)): Uint8Array {
  const headerBytes = new TextEncoder().encode(headerText);
  const file = new Uint8Array(8 + headerBytes.length + data.length);
  new DataView(file.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  file.set(headerBytes, 8);
  file.set(data, 8 + headerBytes.length);
  return file;
}

function assertRejects(bytes: Uint8Array, pattern: RegExp, options?: DecodeOptions): void {
  try {
    decodeSafetensors(bytes, options);
  } catch (error) {
    assert.instance(error, SafetensorsError);
    assert.match((error as Error).message, pattern);
    return;
  }
  assert.unreachable(`expected a SafetensorsError matching ${pattern}`);
}

test('decodes the reference implementation\'s file: names, dtypes, shapes, values and metadata', () => {
  const { tensors, metadata } = decodeSafetensors(reference);
  assert.equal(metadata, { algo: 'ppo', format: 'pt' });
  assert.equal([...tensors.keys()].sort(), Object.keys(referenceTensors).sort());
  for (const [name, expected] of Object.entries(referenceTensors)) {
    const tensor = tensors.get(name)!;
    assert.is(tensor.dtype, expected.dtype, name);
    assert.equal(tensor.shape, expected.shape, name);
    assert.equal(tensor.data, expected.data, name);
  }
});

test('encodes byte for byte what the reference implementation writes, whatever the input order', () => {
  const shuffled = Object.fromEntries(Object.entries(referenceTensors).reverse());
  assert.equal(encodeSafetensors(shuffled, { format: 'pt', algo: 'ppo' }), reference);
  assert.equal(encodeSafetensors(new Map(Object.entries(referenceTensors)), { algo: 'ppo', format: 'pt' }), reference);
});

test('round-trips every dtype, scalars and empty tensors; the header is padded to 8 bytes; data stay aligned', () => {
  const tensors: Record<string, Tensor> = {
    f64: { dtype: 'F64', shape: [3], data: Float64Array.of(Math.PI, -0, Number.MAX_VALUE) },
    f32: { dtype: 'F32', shape: [1, 3], data: Float32Array.of(1e-30, -7.25, Infinity) },
    i64: { dtype: 'I64', shape: [2], data: BigInt64Array.of(-(2n ** 63n), 2n ** 63n - 1n) },
    u64: { dtype: 'U64', shape: [1], data: BigUint64Array.of(2n ** 64n - 1n) },
    i32: { dtype: 'I32', shape: [], data: Int32Array.of(-2147483648) },
    u32: { dtype: 'U32', shape: [2], data: Uint32Array.of(0, 4294967295) },
    i16: { dtype: 'I16', shape: [1], data: Int16Array.of(-32768) },
    u16: { dtype: 'U16', shape: [1], data: Uint16Array.of(65535) },
    i8: { dtype: 'I8', shape: [3], data: Int8Array.of(-128, 0, 127) },
    u8: { dtype: 'U8', shape: [1], data: Uint8Array.of(200) },
    empty: { dtype: 'F32', shape: [0, 4], data: new Float32Array(0) },
  };
  const bytes = encodeSafetensors(tensors);
  const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
  assert.is(headerLength % 8, 0, 'header length is a multiple of 8');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as Record<string, { dtype: string; data_offsets: [number, number] }>;
  assert.not.ok('__metadata__' in header, 'no metadata entry without metadata');
  for (const entry of Object.values(header)) assert.is(entry.data_offsets[0] % dtypeSize(entry.dtype as Tensor['dtype']), 0, `${entry.dtype} aligned`);
  const decoded = decodeSafetensors(bytes).tensors;
  for (const [name, tensor] of Object.entries(tensors)) {
    assert.equal(decoded.get(name), tensor, name);
  }
  assert.ok(Object.is(decoded.get('f64')!.data[1], -0), 'negative zero survives');
});

test('decodes from a subarray at an odd byte offset (Node Buffer pools) and returns independent copies', () => {
  const padded = new Uint8Array(reference.length + 3);
  padded.set(reference, 3);
  const view = padded.subarray(3);
  const decoded = decodeSafetensors(view);
  assert.equal(decoded.tensors.get('log_std')!.data, Float64Array.of(-1));
  view.fill(0);
  assert.equal(decoded.tensors.get('0.bias')!.data, Float32Array.of(0.5, -0.5), 'unchanged after the input is overwritten');
  // A Node Buffer inside a larger pool (readFileSync, readFileBounded): its slice() is a view, not a copy.
  const pool = Buffer.alloc(reference.length + 13);
  pool.set(reference, 13);
  const fromBuffer = decodeSafetensors(pool.subarray(13));
  assert.equal(fromBuffer.tensors.get('0.weight')!.data, Float32Array.of(1.5, -2, 0.25, 3));
  assert.equal(fromBuffer.tensors.get('count')!.data, Int32Array.of(-3, 4));
});

test('encode rejects inconsistent tensors and non-string metadata', () => {
  assert.throws(() => encodeSafetensors({ a: { dtype: 'F32', shape: [3], data: new Float32Array(2) } }), /shape \[3\] has 3 elements, data has 2/);
  assert.throws(() => encodeSafetensors({ a: { dtype: 'F64', shape: [2], data: new Float32Array(2) } }), /dtype F64 needs a Float64Array/);
  assert.throws(() => encodeSafetensors({ a: { dtype: 'F16' as never, shape: [1], data: new Uint16Array(1) } }), /unsupported dtype 'F16'/);
  assert.throws(() => encodeSafetensors({ a: { dtype: 'F32', shape: [-1], data: new Float32Array(0) } }), /non-negative integers/);
  assert.throws(() => encodeSafetensors({ __metadata__: { dtype: 'U8', shape: [0], data: new Uint8Array(0) } }), /invalid tensor name/);
  assert.throws(() => encodeSafetensors({}, { n: 3 as unknown as string }), /metadata 'n' must be a string/);
});

const valid = (header: Record<string, unknown>, data: Uint8Array) => assemble(header, data);
const f32Entry = (shape: number[], offsets: [number, number]) => ({ dtype: 'F32', shape, data_offsets: offsets });

test('rejects, naming the fault: short file, header length over the limit or past the end, bad UTF-8 or JSON, non-object header', () => {
  assertRejects(new Uint8Array(5), /5 bytes, shorter than the 8-byte header length/);
  const huge = new Uint8Array(16);
  new DataView(huge.buffer).setBigUint64(0, 2n ** 64n - 1n, true);
  assertRejects(huge, /header length 18446744073709551615 exceeds the limit of 100000000 bytes/);
  assertRejects(assemble({}, new Uint8Array(0), '{}      '), /header length 8 exceeds the limit of 4 bytes/, { maxHeaderBytes: 4 });
  const pastEnd = assemble({}, new Uint8Array(0));
  new DataView(pastEnd.buffer).setBigUint64(0, 1000n, true);
  assertRejects(pastEnd, /header length 1000 runs past the end of the 10-byte file/);
  const badUtf8 = assemble({}, new Uint8Array(0), '{"a"   ');
  badUtf8[9] = 0xff;
  assertRejects(badUtf8, /not valid UTF-8/);
  assertRejects(assemble({}, new Uint8Array(0), '{"a":'), /not valid JSON/);
  assertRejects(assemble([], new Uint8Array(0)), /must be a JSON object/);
  assertRejects(assemble(null, new Uint8Array(0)), /must be a JSON object/);
  // Nesting 100,000 deep: refused before the JSON parser sees it.
  assertRejects(assemble(undefined, new Uint8Array(0), `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`), /header nests deeper than 3 levels/);
});

test('rejects malformed entries: dtype, shape, offsets, unknown fields, metadata values', () => {
  const data = new Uint8Array(8);
  assertRejects(valid({ w: { dtype: 'F16', shape: [4], data_offsets: [0, 8] } }, data), /tensor 'w': dtype 'F16' is not supported/);
  assertRejects(valid({ w: { dtype: 7, shape: [2], data_offsets: [0, 8] } }, data), /tensor 'w': dtype must be a string, got number/);
  assertRejects(valid({ w: f32Entry([2.5], [0, 8]) }, data), /the header has the number 2\.5; shapes and offsets must be non-negative integers, digits only/);
  assertRejects(valid({ w: f32Entry([-2], [0, 8]) }, data), /the header has the number -2;/);
  assertRejects(valid({ w: { dtype: 'F32', shape: [2], data_offsets: [0] } }, data), /data_offsets must be \[begin, end\]/);
  assertRejects(valid({ w: f32Entry([2], [0, 2 ** 60]) }, data), /data_offsets must be \[begin, end\], two non-negative integers|run past the end/);
  assertRejects(valid({ w: f32Entry([2], [8, 0]) }, data), /end before they begin/);
  assertRejects(valid({ w: f32Entry([4], [0, 16]) }, data), /\[0, 16\] run past the end of the 8-byte data buffer/);
  assertRejects(valid({ w: f32Entry([3], [0, 8]) }, data), /shape \[3\] of F32 needs 12 bytes, data_offsets hold 8/);
  assertRejects(valid({ w: f32Entry([2 ** 40, 2 ** 40, 2 ** 40], [0, 8]) }, data), /needs at least 2\^53 bytes, data_offsets hold 8/);
  assertRejects(valid({ w: { ...f32Entry([2], [0, 8]), extra: 1 } }, data), /tensor 'w': unknown field 'extra'/);
  assertRejects(valid({ w: 'F32' }, data), /tensor 'w': entry must be an object, got string/);
  assertRejects(valid({ __metadata__: { step: 3 }, w: f32Entry([2], [0, 8]) }, data), /__metadata__ 'step' must be a string, got number/);
  assertRejects(valid({ __metadata__: ['a'], w: f32Entry([2], [0, 8]) }, data), /__metadata__ must be an object of strings/);
});

test('rejects gaps, overlaps and bytes that belong to no tensor', () => {
  const data = new Uint8Array(16);
  assertRejects(valid({ a: f32Entry([1], [0, 4]), b: f32Entry([2], [8, 16]) }, data), /tensor 'b' starts at byte 8, leaving a gap after byte 4/);
  assertRejects(valid({ a: f32Entry([3], [0, 12]), b: f32Entry([2], [8, 16]) }, data), /tensor 'b' starts at byte 8, overlapping the tensor before it \(ends at 12\)/);
  assertRejects(valid({ a: f32Entry([2], [0, 8]) }, data), /tensors cover 8 of the 16 data bytes/);
  assertRejects(valid({ a: f32Entry([1], [4, 8]), b: f32Entry([1], [8, 12]), c: f32Entry([1], [12, 16]) }, data), /tensor 'a' starts at byte 4, leaving a gap after byte 0/);
  // The same ranges listed out of order are a valid file: order in the header does not matter.
  const reordered = decodeSafetensors(valid({ b: f32Entry([2], [8, 16]), a: f32Entry([2], [0, 8]) }, data));
  assert.equal([...reordered.tensors.keys()], ['a', 'b']);
});

test('`expect` reports every missing, unexpected, mistyped and misshapen tensor in one error', () => {
  const expect = {
    '0.weight': { dtype: 'F32' as const, shape: [2, 3] },
    '0.bias': { dtype: 'F64' as const, shape: [2] },
    '2.weight': { dtype: 'F32' as const, shape: [1, 2] },
    step: { dtype: 'I64' as const, shape: [1] },
    log_std: { dtype: 'F64' as const, shape: [1] },
  };
  try {
    decodeSafetensors(reference, { expect });
    assert.unreachable('expected a mismatch');
  } catch (error) {
    assert.instance(error, SafetensorsError);
    const message = (error as Error).message;
    for (const part of [
      "tensor '0.weight' has shape [2, 2], expected [2, 3]",
      "tensor '0.bias' has dtype F32, expected F64",
      "missing tensor '2.weight'",
      "unexpected tensor 'mask'",
      "unexpected tensor 'count'",
    ]) assert.ok(message.includes(part), `${part} in: ${message}`);
    assert.not.ok(message.includes("'step'"), 'matching tensors are not reported');
  }
  const all = Object.fromEntries(Object.entries(referenceTensors).map(([name, t]) => [name, { dtype: t.dtype, shape: t.shape }]));
  assert.is(decodeSafetensors(reference, { expect: all }).tensors.size, 6);
  assert.is(decodeSafetensors(reference, { expect: { step: { dtype: 'I64', shape: [1] } }, allowUnexpected: true }).tensors.size, 6);
});

test('fuzz: 3,000 seeded mutations of valid files each decode to a consistent result or throw a SafetensorsError, allocating at most the file size', () => {
  const random = new Random(20240611);
  const seeds = [reference, encodeSafetensors({ w: { dtype: 'F32', shape: [3, 2], data: Float32Array.of(1, 2, 3, 4, 5, 6) } }), encodeSafetensors({}, { only: 'metadata' })];
  const mutations: ((bytes: Uint8Array, headerEnd: number) => Uint8Array)[] = [
    (b) => { // one bit flipped anywhere
      if (b.length > 0) b[random.integer(b.length)]! ^= 1 << random.integer(8);
      return b;
    },
    (b, h) => { // four bytes of the header overwritten
      for (let k = 0; k < 4 && h > 0; k++) b[random.integer(h)] = random.integer(256);
      return b;
    },
    (b) => b.slice(0, random.integer(b.length + 1)), // truncated
    (b) => { // header length replaced by a random one, up to 2^34
      if (b.length >= 8) new DataView(b.buffer).setBigUint64(0, BigInt(random.integer(2 ** 32)) * BigInt(1 + random.integer(4)), true);
      return b;
    },
    (b) => { // header length off by a little
      if (b.length < 8) return b;
      const view = new DataView(b.buffer);
      view.setBigUint64(0, BigInt.asUintN(64, view.getBigUint64(0, true) + BigInt(random.integer(17) - 8)), true);
      return b;
    },
    (b, h) => { // a digit in the JSON replaced: shapes and offsets change
      const digits = [...b.subarray(8, h).keys()].filter((i) => b[8 + i]! >= 0x30 && b[8 + i]! <= 0x39);
      if (digits.length > 0) b[8 + digits[random.integer(digits.length)]!] = 0x30 + random.integer(10);
      return b;
    },
    (b, h) => { // a JSON character written over another
      const chars = '{}[]",:0-9e.';
      if (h > 8) b[8 + random.integer(h - 8)] = chars.charCodeAt(random.integer(chars.length));
      return b;
    },
    (b) => { // trailing bytes appended
      const extra = new Uint8Array(b.length + 1 + random.integer(16));
      extra.set(b);
      return extra;
    },
  ];
  let decoded = 0;
  let rejected = 0;
  for (let i = 0; i < 3000; i++) {
    const original = seeds[i % seeds.length]!;
    const headerEnd = 8 + Number(new DataView(original.buffer, original.byteOffset).getBigUint64(0, true));
    let bytes: Uint8Array = original.slice();
    for (let k = 0, n = 1 + random.integer(3); k < n; k++) bytes = mutations[random.integer(mutations.length)]!(bytes, Math.min(headerEnd, bytes.length));
    try {
      const result = decodeSafetensors(bytes);
      decoded++;
      let allocated = 0;
      for (const [name, tensor] of result.tensors) {
        assert.is(tensor.data.length, tensor.shape.reduce((a, b) => a * b, 1), `mutation ${i}: ${name} length matches its shape`);
        allocated += tensor.data.byteLength;
      }
      assert.ok(allocated <= bytes.length, `mutation ${i}: ${allocated} bytes decoded from a ${bytes.length}-byte file`);
      for (const value of Object.values(result.metadata)) assert.type(value, 'string');
    } catch (error) {
      if (!(error instanceof SafetensorsError)) throw new Error(`mutation ${i} threw ${(error as Error)?.name}: ${(error as Error)?.message}`);
      rejected++;
    }
  }
  // Both outcomes occur: bit flips in tensor data leave valid files; most header edits do not.
  assert.ok(decoded > 100 && rejected > 1000, `decoded ${decoded}, rejected ${rejected}`);
});

// Counts, depth and rank are bounded before JSON.parse builds the header (its objects cost about
// 1 KB per entry whatever their bytes): each file here is refused by the linear pre-scan. The
// base decoder accepted the first three and spent seconds on the full-size bombs (bench/RESULTS.md).
const zeroLengthEntry = (i: number) => `"t${i}":{"dtype":"U8","shape":[0],"data_offsets":[0,0]}`;
const entries = (count: number, entry: (i: number) => string) => Array.from({ length: count }, (_, i) => entry(i)).join(',');

test('header limits: tensors, metadata entries, rank and depth, each at the limit accepted and one past it refused, naming the option', () => {
  assert.is(DEFAULT_MAX_TENSORS, 10_000);
  assert.is(DEFAULT_MAX_METADATA_ENTRIES, 1_000);
  assert.is(DEFAULT_MAX_RANK, 32);
  const none = new Uint8Array(0);
  assert.is(decodeSafetensors(assemble(undefined, none, `{${entries(DEFAULT_MAX_TENSORS, zeroLengthEntry)}}`)).tensors.size, DEFAULT_MAX_TENSORS);
  // The pre-scan counts entries, __metadata__ among them, so one tensor too many is left to the count after parsing.
  assertRejects(assemble(undefined, none, `{${entries(DEFAULT_MAX_TENSORS + 1, zeroLengthEntry)}}`), /has 10001 tensors, more than the limit of 10000 \(options\.maxTensors\)/);
  assertRejects(assemble(undefined, none, `{${entries(DEFAULT_MAX_TENSORS + 2, zeroLengthEntry)}}`), /more than 10000 tensors \(the limit, options\.maxTensors\)/);
  assertRejects(assemble(undefined, none, `{${entries(4, zeroLengthEntry)}}`), /has 4 tensors, more than the limit of 3/, { maxTensors: 3 });
  // A scaled-down metadata bomb: 200,000 keys (2.6 MB) instead of 3M (41 MB).
  const metadata = (count: number) => `{"__metadata__":{${entries(count, (i) => `"${i}":""`)}}}`;
  assert.is(Object.keys(decodeSafetensors(assemble(undefined, none, metadata(DEFAULT_MAX_METADATA_ENTRIES))).metadata).length, DEFAULT_MAX_METADATA_ENTRIES);
  assertRejects(assemble(undefined, none, metadata(200_000)), /more than 1000 members \(metadata entries: at most options\.maxMetadataEntries = 1000\)/);
  assertRejects(assemble(undefined, none, metadata(2)), /__metadata__ has 2 entries, more than the limit of 1 \(options\.maxMetadataEntries\)/, { maxMetadataEntries: 1 });
  const ofRank = (rank: number) => `{"t":{"dtype":"U8","shape":[${Array(rank).fill(0).join(',')}],"data_offsets":[0,0]}}`;
  assert.equal(decodeSafetensors(assemble(undefined, none, ofRank(DEFAULT_MAX_RANK))).tensors.get('t')!.shape.length, DEFAULT_MAX_RANK);
  assertRejects(assemble(undefined, none, ofRank(1_000_000)), /a shape in the header has more than 32 dimensions \(at most options\.maxRank = 32\)/);
  assertRejects(assemble(undefined, none, ofRank(2)), /tensor 't': shape has 2 dimensions, more than the limit of 1 \(options\.maxRank\)/, { maxRank: 1 });
  assertRejects(assemble(undefined, none, '{"t":{"dtype":"U8","shape":[[0]],"data_offsets":[0,0]}}'), /nests deeper than 3 levels/);
  assertRejects(assemble(undefined, none, `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`), /nests deeper than 3 levels/);
});

test('numbers must be written as the reference parser reads integers: 64.0, 8e0, 1E1 and -0 are refused', () => {
  const data = new Uint8Array(8);
  for (const [shape, offsets] of [['2.0', '0,8'], ['2', '0,8e0'], ['2', '0,8.0'], ['2', '-0,8'], ['2', '0,0.8E1']]) {
    assertRejects(assemble(undefined, data, `{"w":{"dtype":"F32","shape":[${shape}],"data_offsets":[${offsets}]}}`), /the header has the number .*; shapes and offsets must be non-negative integers, digits only/);
  }
  // Digits inside strings are not numbers: metadata values and names may hold anything.
  const decoded = decodeSafetensors(assemble(undefined, data, '{"__metadata__":{"lr":"3e-4","x":"-1.5"},"w.1e5":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}'));
  assert.equal(decoded.metadata, { lr: '3e-4', x: '-1.5' });
});

test('a tensor or metadata key named __proto__ is kept like any other (encode and decode)', () => {
  const tensors = new Map<string, Tensor>([['__proto__', { dtype: 'U8', shape: [2], data: Uint8Array.of(1, 2) }], ['b', { dtype: 'U8', shape: [1], data: Uint8Array.of(3) }]]);
  const bytes = encodeSafetensors(tensors, JSON.parse('{"__proto__":"yes"}') as Record<string, string>);
  const decoded = decodeSafetensors(bytes);
  assert.equal([...decoded.tensors.keys()], ['__proto__', 'b']);
  assert.equal(Array.from(decoded.tensors.get('__proto__')!.data as Uint8Array), [1, 2]);
  assert.ok(Object.hasOwn(decoded.metadata, '__proto__'));
  assert.is(decoded.metadata['__proto__'], 'yes');
});

test('decode options are checked: NaN, negative or fractional limits and unknown options throw, naming the option', () => {
  for (const value of [NaN, -1, 1.5, Infinity]) {
    assert.throws(() => decodeSafetensors(reference, { maxHeaderBytes: value }), (e: Error) => e instanceof RangeError && /decodeSafetensors: options\.maxHeaderBytes must be an integer/.test(e.message));
  }
  assert.throws(() => decodeSafetensors(reference, { maxTensors: NaN }), /options\.maxTensors must be an integer/);
  assert.throws(() => decodeSafetensors(reference, { maxHeader: 4 } as DecodeOptions), /decodeSafetensors: unknown option 'maxHeader'/);
});

/** C0 and C1 controls, DEL, line separators, bidirectional overrides: what a message must never print raw. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

test('names with escape sequences, newlines and bidi overrides are escaped in messages, and long ones cut short', () => {
  const data = new Uint8Array(8);
  const name = '\u001b[2J\u001b]0;title\u0007line\nnext\u202eevil\u009b31m';
  for (const header of [{ [name]: { dtype: 'F16', shape: [4], data_offsets: [0, 8] } }, { [name]: f32Entry([2], [0, 4]) }, { [name]: { ...f32Entry([2], [0, 8]), [name]: 1 } }]) {
    try {
      decodeSafetensors(assemble(header, data));
      assert.unreachable('refused');
    } catch (error) {
      const message = (error as Error).message;
      assert.not.match(message, UNPRINTABLE, message);
      assert.match(message, /'\\u001b\[2J\\u001b\]0;title\\u0007line\\nnext\\u202eevil\\u009b31m'/);
    }
  }
  const long = 'n'.repeat(1_000_000);
  try {
    decodeSafetensors(assemble({ [long]: f32Entry([3], [0, 8]) }, data));
    assert.unreachable('refused');
  } catch (error) {
    assert.ok((error as Error).message.length < 300, `message of ${(error as Error).message.length} characters`);
    assert.match((error as Error).message, /tensor 'n{80}'… \(1000000 characters\): shape \[3\]/);
  }
});

test('structure-aware fuzz: 1,500 seeded edits of the header (depth, counts, rank, numbers as floats, names with control characters) each decode within the limits or throw a short, printable SafetensorsError', () => {
  const random = new Random(20250301);
  const pick = <T>(items: readonly T[]): T => items[random.integer(items.length)]!;
  const seedFiles = [reference, encodeSafetensors({ w: { dtype: 'F32', shape: [3, 2], data: Float32Array.of(1, 2, 3, 4, 5, 6) }, e: { dtype: 'U8', shape: [0], data: new Uint8Array(0) } }, { k: 'v' })];
  const seeds = seedFiles.map((file) => {
    const headerLength = Number(new DataView(file.buffer, file.byteOffset).getBigUint64(0, true));
    return { header: JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + headerLength))) as Record<string, Record<string, unknown>>, data: file.subarray(8 + headerLength) };
  });
  const nasty = ['\u0000', '\u0007', '\n', '\r', '\u001b[31m', '\u007f', '\u009b', '\u2028', '\u202e', '\u2066', "'", '\\', '"', '\ud800', 'é', '𝄞'];
  // Each edit changes the header object or its text; the text edits come after JSON.stringify.
  const edits: ((header: Record<string, Record<string, unknown>>) => ((text: string) => string) | void)[] = [
    (h) => { // a value nested 1 to 200 levels deeper
      const name = pick(Object.keys(h));
      const field = pick(Object.keys(h[name]!));
      let value: unknown = h[name]![field];
      for (let k = 0, n = 1 + random.integer(200); k < n; k++) value = [value];
      h[name]![field] = value;
    },
    (h) => { // entries added, a few or just past a limit
      const many = random.uniform() < 0.15;
      if (random.uniform() < 0.5) {
        const meta = (h.__metadata__ ??= {});
        for (let k = 0, n = many ? DEFAULT_MAX_METADATA_ENTRIES + 1 : 1 + random.integer(5); k < n; k++) meta[`m${k}`] = String(k);
      } else {
        for (let k = 0, n = many ? DEFAULT_MAX_TENSORS + 1 : 1 + random.integer(5); k < n; k++) h[`z${k}`] = { dtype: 'U8', shape: [0], data_offsets: [0, 0] };
      }
    },
    (h) => { // the rank raised by dimensions of 1, which keep the byte count: up to 40 in all
      const tensors = Object.keys(h).filter((name) => name !== '__metadata__');
      if (tensors.length === 0) return;
      const entry = h[pick(tensors)]!;
      entry.shape = [...(entry.shape as number[]), ...Array(random.integer(40)).fill(1)];
    },
    () => (text) => { // an integer rewritten as a float, an exponent or a negative
      const numbers = [...text.matchAll(/(?<=[[,])\d+(?=[\],])/g)];
      if (numbers.length === 0) return text;
      const { index, 0: digits } = pick(numbers);
      return `${text.slice(0, index)}${pick([`${digits}.0`, `${digits}e0`, `-${digits}`, `${digits}E+0`, `0.${digits}`])}${text.slice(index! + digits.length)}`;
    },
    (h) => { // a name with control characters, and sometimes a fault so that it reaches a message
      const name = pick(Object.keys(h));
      const renamed = `${name}${pick(nasty)}${pick(nasty)}`;
      const entry = h[name]!;
      delete h[name];
      h[renamed] = random.uniform() < 0.5 && name !== '__metadata__' ? { ...entry, dtype: `${pick(nasty)}F16` } : entry;
    },
  ];
  let decoded = 0;
  let rejected = 0;
  for (let i = 0; i < 1500; i++) {
    const seed = seeds[i % seeds.length]!;
    const header = structuredClone(seed.header);
    const textEdits: ((text: string) => string)[] = [];
    for (let k = 0, n = 1 + random.integer(2); k < n; k++) {
      const textEdit = pick(edits)(header);
      if (textEdit) textEdits.push(textEdit);
    }
    const text = textEdits.reduce((t, edit) => edit(t), JSON.stringify(header));
    const bytes = assemble(undefined, seed.data, text);
    try {
      const result = decodeSafetensors(bytes);
      decoded++;
      assert.ok(result.tensors.size <= DEFAULT_MAX_TENSORS && Object.keys(result.metadata).length <= DEFAULT_MAX_METADATA_ENTRIES, `edit ${i}: counts within the limits`);
      for (const [name, tensor] of result.tensors) {
        assert.ok(tensor.shape.length <= DEFAULT_MAX_RANK, `edit ${i}: ${name} has rank ${tensor.shape.length}`);
        assert.is(tensor.data.length, tensor.shape.reduce((a, b) => a * b, 1), `edit ${i}: ${name} length matches its shape`);
      }
    } catch (error) {
      if (!(error instanceof SafetensorsError)) throw new Error(`edit ${i} threw ${(error as Error)?.name}: ${(error as Error)?.message}`);
      assert.not.match(error.message, UNPRINTABLE, `edit ${i}: ${JSON.stringify(error.message)}`);
      assert.ok(error.message.length <= 1000, `edit ${i}: a message of ${error.message.length} characters`);
      rejected++;
    }
  }
  assert.ok(decoded > 100 && rejected > 500, `decoded ${decoded}, rejected ${rejected}`);
});

test.run();
