// Limits on the shape of untrusted JSON, checked by one linear pass over the text before
// JSON.parse builds anything. JSON.parse itself accepts any depth and any number of entries, and
// the objects it builds cost tens of times the bytes they came from: a 41 MB header of 3M keys
// took 2.7 GB, an 80 MB nesting 4·10⁷ deep 3.9 GB, and what then walks the value recursively
// (JSON.stringify in a message) overflows the stack. The pass allocates nothing per character.

/** Nesting accepted in configuration and state JSON: the depth at which serde_json, the reference safetensors parser, stops. */
export const MAX_JSON_DEPTH = 128;

export interface JsonLimits {
  /** Deepest nesting of objects and arrays; the top-level value is at depth 1. */
  maxDepth: number;
  /** Most entries (members or elements) of one object or array, by depth: `[top, its children, …]`; depths beyond the list are unbounded. */
  maxEntries?: readonly number[];
  /** Whether every number must be a non-negative integer written with digits only (no sign, fraction or exponent). */
  integersOnly?: boolean;
}

/** What a text breaks of its {@link JsonLimits}: the first limit passed, or undefined. */
export type JsonLimitProblem =
  | { limit: 'depth'; depth: number }
  | { limit: 'entries'; depth: number; max: number }
  | { limit: 'integer'; token: string };

/**
 * Checks the shape of `text` against `limits` without parsing it: strings are skipped (escapes
 * included), brackets counted, commas counted per open container. It does not check that `text`
 * is JSON — JSON.parse does that afterwards, on a text known to be small enough in every way.
 */
export function checkJsonLimits(text: string, limits: JsonLimits): JsonLimitProblem | undefined {
  const { maxDepth, maxEntries = [], integersOnly = false } = limits;
  // Commas seen in each open container, by depth (index 0 unused); never longer than maxDepth + 1.
  const commas: number[] = [0];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) { // a string: skip to its closing quote
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c) i++;
        else if (s === 0x22) break;
      }
    } else if (c === 0x7b || c === 0x5b) { // { [
      if (++depth > maxDepth) return { limit: 'depth', depth: maxDepth };
      commas[depth] = 0;
    } else if (c === 0x7d || c === 0x5d) { // } ]
      if (depth > 0) depth--;
    } else if (c === 0x2c) { // ,
      const max = maxEntries[depth - 1];
      if (depth > 0 && ++commas[depth]! >= (max ?? Infinity)) return { limit: 'entries', depth, max: max! };
    } else if (integersOnly && (c === 0x2d || (c >= 0x30 && c <= 0x39))) { // - or a digit: a number
      let end = i;
      while (end < text.length && /[-+.eE0-9]/.test(text[end]!)) end++;
      const token = text.slice(i, Math.min(end, i + 40));
      if (!/^[0-9]+$/.test(token)) return { limit: 'integer', token };
      i = end - 1;
    }
  }
  return undefined;
}

/** A sentence for `problem`, about `what` (e.g. "the header"). */
export function describeJsonLimitProblem(problem: JsonLimitProblem, what: string): string {
  switch (problem.limit) {
    case 'depth':
      return `${what} nests objects and arrays deeper than ${problem.depth} levels`;
    case 'entries':
      return `${what} has an object or array at depth ${problem.depth} with more than ${problem.max} entries`;
    case 'integer':
      return `${what} has the number ${problem.token}; numbers here must be non-negative integers written with digits only`;
  }
}

/**
 * JSON.parse of untrusted `text` after {@link checkJsonLimits} (by default: nesting at most
 * {@link MAX_JSON_DEPTH}). Throws a SyntaxError, as JSON.parse does, for a limit passed or bad JSON.
 */
export function parseJsonWithin(text: string, limits: JsonLimits = { maxDepth: MAX_JSON_DEPTH }): unknown {
  const problem = checkJsonLimits(text, limits);
  if (problem !== undefined) throw new SyntaxError(describeJsonLimitProblem(problem, 'the JSON'));
  return JSON.parse(text);
}
