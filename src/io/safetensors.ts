/**
 * The safetensors format (Hugging Face): an 8-byte little-endian u64 header length N, an N-byte
 * UTF-8 JSON header `{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {…}}`, then
 * the tensors' bytes, little-endian, offsets relative to the start of that byte buffer, packed
 * without gaps or overlaps. PyTorch reads it with `safetensors.torch.load_file`.
 *
 * Decoding trusts nothing: the header's shape (nesting, entry counts, ranks, integer syntax) is
 * bounded before JSON.parse builds it, and every length, offset, dtype and shape is checked against
 * the file's own size before anything is allocated, so a corrupt or hostile file ends in a
 * {@link SafetensorsError} naming what is wrong, never in a crash, a hang or a large allocation.
 */
import { checkJsonLimits, type JsonLimitProblem } from '../util/json-limits.js';
import { assertInteger, assertKnownKeys, quote } from '../util/validate.js';

/**
 * Element types, as the format spells them, with the typed array that holds each; listed in the
 * order in which the reference serialiser lays them out (its dtype enum, descending).
 */
const DTYPES = {
  U64: BigUint64Array,
  I64: BigInt64Array,
  F64: Float64Array,
  F32: Float32Array,
  U32: Uint32Array,
  I32: Int32Array,
  U16: Uint16Array,
  I16: Int16Array,
  I8: Int8Array,
  U8: Uint8Array,
} as const;
const LAYOUT_ORDER = Object.keys(DTYPES);

export type SafetensorsDtype = keyof typeof DTYPES;

/** The typed array of each dtype: I64 and U64 as BigInt arrays, so that every value is exact. */
export type TensorData = InstanceType<(typeof DTYPES)[SafetensorsDtype]>;

export interface Tensor {
  dtype: SafetensorsDtype;
  /** Dimensions, row-major (C order); `[]` is a scalar of one element. */
  shape: readonly number[];
  /** product(shape) elements. */
  data: TensorData;
}

export interface DecodedSafetensors {
  /** In the order of their data in the file. */
  tensors: Map<string, Tensor>;
  /** The header's `__metadata__`, string to string; empty when absent. */
  metadata: Record<string, string>;
}

export interface DecodeOptions {
  /** Largest header accepted, bytes. Default 100,000,000, the reference implementation's limit. */
  maxHeaderBytes?: number;
  /** Most tensors accepted. Default {@link DEFAULT_MAX_TENSORS}. */
  maxTensors?: number;
  /** Most `__metadata__` entries accepted. Default {@link DEFAULT_MAX_METADATA_ENTRIES}. */
  maxMetadataEntries?: number;
  /** Most dimensions of one tensor. Default {@link DEFAULT_MAX_RANK}. */
  maxRank?: number;
  /**
   * The tensors the caller needs, by name, with their dtype and shape: every one must be present and
   * match. All mismatches are reported together in one error.
   */
  expect?: Record<string, { dtype: SafetensorsDtype; shape: readonly number[] }>;
  /** With `expect`: whether tensors that it does not name are allowed. Default false. */
  allowUnexpected?: boolean;
}

/** A malformed, corrupt or unexpected safetensors file; the message says what and where. */
export class SafetensorsError extends Error {
  override name = 'SafetensorsError';
}

export const DEFAULT_MAX_HEADER_BYTES = 100_000_000;
/**
 * The limits below bound what JSON.parse builds from a header, about 1 KB per entry whatever the
 * entry's bytes (a header of 10⁶ empty tensors took 0.9 GB, one of 3·10⁶ metadata keys 1.8 GB):
 * at the defaults, some 10 MB at most. Files of large models hold a few thousand tensors per shard.
 */
export const DEFAULT_MAX_TENSORS = 10_000;
export const DEFAULT_MAX_METADATA_ENTRIES = 1_000;
/** NumPy's limit before 2.0 (NPY_MAXDIMS). */
export const DEFAULT_MAX_RANK = 32;
/** A header is an object (depth 1) of entries (2) whose shapes and offsets are arrays (3). */
const HEADER_DEPTH = 3;
const DECODE_OPTIONS = ['maxHeaderBytes', 'maxTensors', 'maxMetadataEntries', 'maxRank', 'expect', 'allowUnexpected'];
const METADATA_KEY = '__metadata__';
const ENTRY_FIELDS = ['dtype', 'shape', 'data_offsets'];
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function isSafetensorsDtype(value: unknown): value is SafetensorsDtype {
  return typeof value === 'string' && Object.hasOwn(DTYPES, value);
}

/** Bytes per element of `dtype`. */
export function dtypeSize(dtype: SafetensorsDtype): number {
  return DTYPES[dtype].BYTES_PER_ELEMENT;
}

/** The dtype whose typed array `data` is. */
export function dtypeOf(data: TensorData): SafetensorsDtype {
  const dtype = (Object.keys(DTYPES) as SafetensorsDtype[]).find((d) => data instanceof DTYPES[d]);
  if (dtype === undefined) throw new TypeError(`safetensors: unsupported tensor data ${Object.prototype.toString.call(data)}`);
  return dtype;
}

/**
 * Serialises `tensors` (a state dict: name → tensor) and string `metadata` into one file's bytes,
 * byte for byte as the reference implementation (`safetensors.torch.save_file`) would: tensors
 * ordered by dtype (widest first, so each starts at a multiple of its element size) and then by
 * name, metadata keys sorted, compact JSON padded with spaces to a multiple of 8 bytes.
 */
export function encodeSafetensors(
  tensors: Record<string, Tensor> | Map<string, Tensor>,
  metadata: Record<string, string> = {},
): Uint8Array<ArrayBuffer> {
  const entries = [...(tensors instanceof Map ? tensors.entries() : Object.entries(tensors))];
  for (const [name, tensor] of entries) checkTensor(name, tensor);
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value !== 'string') throw new TypeError(`safetensors: metadata ${quote(key)} must be a string, got ${typeof value}`);
  }
  entries.sort(([nameA, a], [nameB, b]) => LAYOUT_ORDER.indexOf(a.dtype) - LAYOUT_ORDER.indexOf(b.dtype) || (nameA < nameB ? -1 : nameA > nameB ? 1 : 0));
  // No prototype, so that a tensor named `__proto__` is an entry like any other, not a setter.
  const header: Record<string, unknown> = Object.create(null);
  const metadataKeys = Object.keys(metadata).sort();
  if (metadataKeys.length > 0) header[METADATA_KEY] = Object.fromEntries(metadataKeys.map((key) => [key, metadata[key]]));
  let offset = 0;
  for (const [name, tensor] of entries) {
    header[name] = { dtype: tensor.dtype, shape: tensor.shape, data_offsets: [offset, offset + tensor.data.byteLength] };
    offset += tensor.data.byteLength;
  }
  let headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(headerBytes.length / 8) * 8;
  if (padded !== headerBytes.length) {
    const spaces = new Uint8Array(padded).fill(0x20);
    spaces.set(headerBytes);
    headerBytes = spaces;
  }
  const file = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(file.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  file.set(headerBytes, 8);
  let position = 8 + headerBytes.length;
  for (const [, tensor] of entries) {
    file.set(toLittleEndianBytes(tensor.data), position);
    position += tensor.data.byteLength;
  }
  return file;
}

function checkTensor(name: string, tensor: Tensor): void {
  if (name.length === 0 || name === METADATA_KEY) throw new RangeError(`safetensors: invalid tensor name ${quote(name)}`);
  if (!isSafetensorsDtype(tensor.dtype)) throw new TypeError(`safetensors: tensor ${quote(name)}: unsupported dtype ${quote(String(tensor.dtype))}`);
  if (!(tensor.data instanceof DTYPES[tensor.dtype])) {
    throw new TypeError(`safetensors: tensor ${quote(name)}: dtype ${tensor.dtype} needs a ${DTYPES[tensor.dtype].name}, got ${Object.prototype.toString.call(tensor.data)}`);
  }
  if (!Array.isArray(tensor.shape) || !tensor.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new TypeError(`safetensors: tensor ${quote(name)}: shape must be an array of non-negative integers`);
  }
  const elements = tensor.shape.reduce((a, b) => a * b, 1);
  if (elements !== tensor.data.length) {
    throw new RangeError(`safetensors: tensor ${quote(name)}: shape [${tensor.shape.join(', ')}] has ${elements} elements, data has ${tensor.data.length}`);
  }
}

/**
 * Parses and validates one safetensors file. Checks, in order and before allocating anything the
 * size of a tensor: the file holds the 8-byte length; the header length is within
 * `maxHeaderBytes` and the file; the header is UTF-8; before it is parsed, that it nests no deeper
 * than a header does (3 levels), holds at most `maxTensors` tensors, `maxMetadataEntries` metadata
 * entries and `maxRank` dimensions a shape, and writes every number as a non-negative integer
 * without sign, fraction or exponent (as the reference parser wants them: `64.0` is refused); it
 * is JSON of an object; each entry has exactly
 * `dtype` (a supported one), `shape` (non-negative integers) and `data_offsets` (integers); the
 * entries, in offset order, tile the byte buffer exactly — no gap, no overlap, nothing outside,
 * nothing left over — with `end − begin = product(shape) × dtype size`; `__metadata__` maps strings
 * to strings; and the tensors match `options.expect`. The tensors are copies, so they stay valid
 * and aligned whatever `bytes` is; together they are never larger than the file.
 *
 * @throws SafetensorsError naming the tensor or field at fault.
 */
export function decodeSafetensors(bytes: Uint8Array, options: DecodeOptions = {}): DecodedSafetensors {
  const limits = decodeLimits(options);
  const { maxHeaderBytes } = limits;
  if (!(bytes instanceof Uint8Array)) throw new SafetensorsError('safetensors: input must be a Uint8Array');
  if (bytes.length < 8) throw new SafetensorsError(`safetensors: file is ${bytes.length} bytes, shorter than the 8-byte header length`);
  const declared = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (declared > BigInt(maxHeaderBytes)) {
    throw new SafetensorsError(`safetensors: header length ${declared} exceeds the limit of ${maxHeaderBytes} bytes`);
  }
  const headerLength = Number(declared);
  if (8 + headerLength > bytes.length) {
    throw new SafetensorsError(`safetensors: header length ${headerLength} runs past the end of the ${bytes.length}-byte file`);
  }
  const bufferStart = 8 + headerLength;
  const bufferLength = bytes.length - bufferStart;
  const header = parseHeader(bytes.subarray(8, bufferStart), limits);

  const metadata: Record<string, string> = Object.create(null);
  const layout: { name: string; dtype: SafetensorsDtype; shape: number[]; begin: number; end: number }[] = [];
  for (const [name, entry] of Object.entries(header)) {
    if (name === METADATA_KEY) {
      readMetadata(entry, metadata, limits.maxMetadataEntries);
      continue;
    }
    layout.push(readEntry(name, entry, bufferLength, limits.maxRank));
  }
  if (layout.length > limits.maxTensors) throw new SafetensorsError(`safetensors: the header has ${layout.length} tensors, more than the limit of ${limits.maxTensors} (options.maxTensors)`);
  layout.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  for (const tensor of layout) {
    if (tensor.begin !== covered) {
      throw new SafetensorsError(tensor.begin > covered
        ? `safetensors: tensor ${quote(tensor.name)} starts at byte ${tensor.begin}, leaving a gap after byte ${covered}`
        : `safetensors: tensor ${quote(tensor.name)} starts at byte ${tensor.begin}, overlapping the tensor before it (ends at ${covered})`);
    }
    covered = tensor.end;
  }
  if (covered !== bufferLength) {
    throw new SafetensorsError(`safetensors: tensors cover ${covered} of the ${bufferLength} data bytes; the file has bytes that belong to no tensor`);
  }

  if (options.expect !== undefined) checkExpectedTensors(new Map(layout.map((t) => [t.name, t])), options.expect, options.allowUnexpected);

  const tensors = new Map<string, Tensor>();
  for (const { name, dtype, shape, begin, end } of layout) {
    tensors.set(name, { dtype, shape, data: fromLittleEndianBytes(bytes.subarray(bufferStart + begin, bufferStart + end), dtype) });
  }
  return { tensors, metadata: { ...metadata } };
}

/** Problems listed in one error at most; the rest are counted. */
const MAX_LISTED_PROBLEMS = 20;

/**
 * Checks `tensors` (decoded, or a header's layout) against `expect`, as {@link DecodeOptions.expect}
 * does: every missing, mistyped, misshapen and (unless `allowUnexpected`) unexpected tensor is
 * reported in one SafetensorsError, the first {@link MAX_LISTED_PROBLEMS} of them by name.
 */
export function checkExpectedTensors(
  tensors: ReadonlyMap<string, { dtype: SafetensorsDtype; shape: readonly number[] }>,
  expect: NonNullable<DecodeOptions['expect']>,
  allowUnexpected = false,
): void {
  const problems: string[] = [];
  for (const [name, wanted] of Object.entries(expect)) {
    const tensor = tensors.get(name);
    if (tensor === undefined) problems.push(`missing tensor ${quote(name)}`);
    else {
      if (tensor.dtype !== wanted.dtype) problems.push(`tensor ${quote(name)} has dtype ${tensor.dtype}, expected ${wanted.dtype}`);
      if (!sameShape(tensor.shape, wanted.shape)) problems.push(`tensor ${quote(name)} has shape [${tensor.shape.join(', ')}], expected [${wanted.shape.join(', ')}]`);
    }
  }
  if (!allowUnexpected) {
    for (const name of tensors.keys()) if (!Object.hasOwn(expect, name)) problems.push(`unexpected tensor ${quote(name)}`);
  }
  if (problems.length > 0) {
    const more = problems.length - MAX_LISTED_PROBLEMS;
    throw new SafetensorsError(`safetensors: the file does not match the expected tensors: ${problems.slice(0, MAX_LISTED_PROBLEMS).join('; ')}${more > 0 ? `; and ${more} more` : ''}`);
  }
}

function decodeLimits(options: DecodeOptions) {
  if (typeof options !== 'object' || options === null) throw new TypeError(`decodeSafetensors: options must be an object, got ${options === null ? 'null' : typeof options}`);
  assertKnownKeys(options, DECODE_OPTIONS, 'decodeSafetensors');
  const limits = {
    maxHeaderBytes: options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES,
    maxTensors: options.maxTensors ?? DEFAULT_MAX_TENSORS,
    maxMetadataEntries: options.maxMetadataEntries ?? DEFAULT_MAX_METADATA_ENTRIES,
    maxRank: options.maxRank ?? DEFAULT_MAX_RANK,
  };
  for (const [name, value] of Object.entries(limits)) assertInteger(value, `decodeSafetensors: options.${name}`, 0, Number.MAX_SAFE_INTEGER);
  return limits;
}

type DecodeLimits = ReturnType<typeof decodeLimits>;

function parseHeader(headerBytes: Uint8Array, limits: DecodeLimits): Record<string, unknown> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(headerBytes);
  } catch {
    throw new SafetensorsError('safetensors: header is not valid UTF-8');
  }
  // Before JSON.parse: what it would build is bounded by these counts, not by the header's bytes.
  // A tensor's entry has 3 fields and its data_offsets 2 numbers, whatever the limits say.
  const problem = checkJsonLimits(text, {
    maxDepth: HEADER_DEPTH,
    maxEntries: [limits.maxTensors + 1, Math.max(limits.maxMetadataEntries, ENTRY_FIELDS.length), Math.max(limits.maxRank, 2)],
    integersOnly: true,
  });
  if (problem !== undefined) throw new SafetensorsError(`safetensors: ${describeHeaderProblem(problem, limits)}`);
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    throw new SafetensorsError(`safetensors: header is not valid JSON (${(error as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new SafetensorsError('safetensors: header must be a JSON object');
  }
  return header as Record<string, unknown>;
}

function describeHeaderProblem(problem: JsonLimitProblem, limits: DecodeLimits): string {
  switch (problem.limit) {
    case 'depth':
      return `the header nests deeper than ${HEADER_DEPTH} levels (an object of entries whose shapes and offsets are arrays)`;
    case 'integer':
      return `the header has the number ${problem.token}; shapes and offsets must be non-negative integers, digits only`;
    case 'entries':
      return problem.depth === 1 ? `the header has more than ${limits.maxTensors} tensors (the limit, options.maxTensors)`
        : problem.depth === 2 ? `an entry of the header has more than ${problem.max} members (metadata entries: at most options.maxMetadataEntries = ${limits.maxMetadataEntries})`
        : `a shape in the header has more than ${problem.max} dimensions (at most options.maxRank = ${limits.maxRank})`;
  }
}

function readMetadata(entry: unknown, into: Record<string, string>, maxEntries: number): void {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new SafetensorsError(`safetensors: ${METADATA_KEY} must be an object of strings`);
  }
  const entries = Object.entries(entry);
  if (entries.length > maxEntries) throw new SafetensorsError(`safetensors: ${METADATA_KEY} has ${entries.length} entries, more than the limit of ${maxEntries} (options.maxMetadataEntries)`);
  for (const [key, value] of entries) {
    if (typeof value !== 'string') throw new SafetensorsError(`safetensors: ${METADATA_KEY} ${quote(key)} must be a string, got ${jsonType(value)}`);
    into[key] = value;
  }
}

function readEntry(name: string, entry: unknown, bufferLength: number, maxRank: number) {
  const fail = (what: string) => new SafetensorsError(`safetensors: tensor ${quote(name)}: ${what}`);
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw fail(`entry must be an object, got ${jsonType(entry)}`);
  const fields = entry as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((key) => !ENTRY_FIELDS.includes(key));
  if (unknown.length > 0) throw fail(`unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => quote(k)).join(', ')}`);
  const { dtype, shape, data_offsets: offsets } = fields;
  if (!isSafetensorsDtype(dtype)) {
    throw fail(`dtype ${typeof dtype === 'string' ? `${quote(dtype)} is not supported` : `must be a string, got ${jsonType(dtype)}`} (supported: ${Object.keys(DTYPES).join(', ')})`);
  }
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw fail('shape must be an array of non-negative integers');
  }
  if (shape.length > maxRank) throw fail(`shape has ${shape.length} dimensions, more than the limit of ${maxRank} (options.maxRank)`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
    throw fail('data_offsets must be [begin, end], two non-negative integers');
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end) throw fail(`data_offsets [${begin}, ${end}] end before they begin`);
  if (end > bufferLength) throw fail(`data_offsets [${begin}, ${end}] run past the end of the ${bufferLength}-byte data buffer`);
  // Capped at 2^53, the running product is exact whenever it is below the cap (a zero dimension still gives 0).
  const cap = 2 ** 53;
  let bytes = dtypeSize(dtype);
  for (const d of shape as number[]) bytes = Math.min(bytes * d, cap);
  if (bytes !== end - begin) {
    throw fail(`shape [${shape.join(', ')}] of ${dtype} needs ${bytes === cap ? 'at least 2^53' : bytes} bytes, data_offsets hold ${end - begin}`);
  }
  return { name, dtype, shape: shape as number[], begin, end };
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function jsonType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

/** A copy of `bytes` (little-endian) as the dtype's typed array; byte-swapped on a big-endian host. */
function fromLittleEndianBytes(bytes: Uint8Array, dtype: SafetensorsDtype): TensorData {
  // A copy that starts its own buffer: not bytes.slice(), which on a Node Buffer is a view.
  const copy = new Uint8Array(bytes);
  if (!LITTLE_ENDIAN) swapBytes(copy, dtypeSize(dtype));
  const Constructor = DTYPES[dtype];
  return new Constructor(copy.buffer, 0, copy.length / Constructor.BYTES_PER_ELEMENT);
}

function toLittleEndianBytes(data: TensorData): Uint8Array {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (LITTLE_ENDIAN) return bytes;
  const copy = bytes.slice();
  swapBytes(copy, data.BYTES_PER_ELEMENT);
  return copy;
}

function swapBytes(bytes: Uint8Array, size: number): void {
  for (let i = 0; i < bytes.length; i += size) bytes.subarray(i, i + size).reverse();
}
