// Doubles as text that keeps every bit: 16 hex digits per number, the IEEE 754 binary64 pattern,
// big-endian. JSON cannot carry NaN, ±Infinity or -0 (JSON.stringify writes null, null and 0), so
// a page hands its numbers to the test in this form.

/** The numbers as one string of 16 hex digits each. */
export function encodeFloat64(values: readonly number[]): string {
  const view = new DataView(new ArrayBuffer(8));
  let text = '';
  for (const value of values) {
    view.setFloat64(0, value);
    text += view.getUint32(0).toString(16).padStart(8, '0') + view.getUint32(4).toString(16).padStart(8, '0');
  }
  return text;
}

/** The numbers of {@link encodeFloat64}, bit for bit (NaN payloads aside, which JS does not promise to keep). */
export function decodeFloat64(text: string): number[] {
  if (text.length % 16 !== 0 || !/^[0-9a-f]*$/.test(text)) throw new Error(`decodeFloat64: expected 16 hex digits per number, got ${text.length} characters`);
  const view = new DataView(new ArrayBuffer(8));
  const values: number[] = [];
  for (let at = 0; at < text.length; at += 16) {
    view.setUint32(0, parseInt(text.slice(at, at + 8), 16));
    view.setUint32(4, parseInt(text.slice(at + 8, at + 16), 16));
    values.push(view.getFloat64(0));
  }
  return values;
}

/** Every entry of a record of number arrays, encoded. */
export function encodeRecord(record: Record<string, readonly number[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([name, values]) => [name, encodeFloat64(values)]));
}

/** The inverse of {@link encodeRecord}. */
export function decodeRecord(record: Record<string, string>): Record<string, number[]> {
  return Object.fromEntries(Object.entries(record).map(([name, text]) => [name, decodeFloat64(text)]));
}
