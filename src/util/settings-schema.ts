// Settings declared once — name, type, default, range, one-line doc — by the part that owns them,
// and resolved from layers (defaults, a preset, a JSON config file, `--set key=value`) with every
// problem of every layer gathered into one error, so that a user fixes them all at once. The
// TypeScript type of resolved settings is derived from the declaration ({@link Settings}). No file
// access here, so that the browser build can resolve settings too (see cli/config-file.ts).
// Values may come from a file that someone else wrote: every setting's size is bounded by its
// declaration, and what a message quotes of a value is cut short and escaped (util/validate.ts).
import { preview, quote } from './validate.js';

/** Longest string setting accepted, unless its declaration says otherwise (characters). */
export const MAX_STRING_SETTING_LENGTH = 256;
/** Problems that a ConfigError's message lists; the rest are counted (all stay in `problems`). */
export const MAX_LISTED_PROBLEMS = 50;

interface SettingBase {
  /** One line for `--help`. */
  doc: string;
}
export interface NumberSetting extends SettingBase {
  type: 'number' | 'integer';
  default: number;
  /** Inclusive bounds. */
  min?: number;
  max?: number;
  /** Exclusive bounds (a learning rate > 0). */
  exclusiveMin?: number;
  exclusiveMax?: number;
}
export interface BooleanSetting extends SettingBase {
  type: 'boolean';
  default: boolean;
}
export interface StringSetting extends SettingBase {
  type: 'string';
  default: string;
  /** Most characters; default {@link MAX_STRING_SETTING_LENGTH}. */
  maxLength?: number;
}
export interface EnumSetting<C extends string = string> extends SettingBase {
  type: 'enum';
  choices: readonly C[];
  default: C;
}
export interface IntegerListSetting extends SettingBase {
  type: 'integer-list';
  default: readonly number[];
  /** Inclusive bounds of every entry. */
  min?: number;
  max?: number;
  /** Most entries: a list from a file is as long as its writer made it, so each declares its bound. */
  maxLength: number;
}
export type Setting = NumberSetting | BooleanSetting | StringSetting | EnumSetting | IntegerListSetting;

/** Setting name → its type, default, range and doc. Declare with `as const satisfies SettingsSchema` to keep enum literals. */
export type SettingsSchema = Record<string, Setting>;

/** The resolved values of a schema, typed field by field. */
export type Settings<S extends SettingsSchema> = {
  [K in keyof S]: S[K] extends EnumSetting<infer C> ? C : S[K] extends BooleanSetting ? boolean : S[K] extends StringSetting ? string : S[K] extends IntegerListSetting ? number[] : number;
};

/** One layer of settings and where it came from (named in error messages). */
export interface SettingsLayer {
  source: string;
  values: Record<string, unknown>;
}

/** Every problem with the user's configuration, one per line. The command exits with code 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    const more = problems.length - MAX_LISTED_PROBLEMS;
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => `  - ${p}`);
    if (more > 0) listed.push(`  - and ${more} more`);
    super(`invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${listed.join('\n')}`);
  }
}

/** Throws a {@link ConfigError} listing `problems`, if there are any. */
export function throwIfProblems(problems: readonly string[]): void {
  if (problems.length > 0) throw new ConfigError(problems);
}

/**
 * Resolves `schema` from its defaults and then `layers` in order, each overriding the one before
 * (typically: a preset, `--config FILE.json`, then {@link parseSetArguments} of the `--set`
 * flags). Never throws: returns the settings (a faulty value keeps the previous layer's) and every
 * problem found — unknown keys (with the nearest known name), wrong types, out-of-range values —
 * for the caller to merge with its own checks and pass to {@link throwIfProblems}.
 */
export function resolveSettings<S extends SettingsSchema>(
  schema: S,
  layers: readonly SettingsLayer[],
): { settings: Settings<S>; problems: string[] } {
  const settings: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(schema)) settings[key] = setting.default;
  const problems: string[] = [];
  const known = Object.keys(schema);
  for (const { source, values } of layers) {
    for (const [key, value] of Object.entries(values)) {
      const setting = Object.hasOwn(schema, key) ? schema[key]! : undefined;
      if (setting === undefined) {
        const suggestion = nearest(key, known);
        problems.push(`${source}: unknown setting ${quote(key)}${suggestion ? `; did you mean '${suggestion}'?` : ''}`);
        continue;
      }
      const problem = checkValue(setting, value);
      if (problem) problems.push(`${source}: ${key} ${problem}`);
      else settings[key] = value;
    }
  }
  return { settings: settings as Settings<S>, problems };
}

/**
 * Throws a RangeError naming `name` unless `value` fits `setting`: how a function enforces the
 * range that its setting declares, so that the two cannot disagree.
 */
export function assertSetting(setting: Setting, value: unknown, name: string): void {
  const problem = checkValue(setting, value);
  if (problem !== undefined) throw new RangeError(`${name} ${problem}`);
}

/** Why `value` does not fit `setting`, or undefined if it does. */
export function checkValue(setting: Setting, value: unknown): string | undefined {
  const got = `got ${preview(value)}`;
  switch (setting.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false, ${got}`;
    case 'string': {
      const maxLength = setting.maxLength ?? MAX_STRING_SETTING_LENGTH;
      if (typeof value !== 'string') return `must be a string, ${got}`;
      return value.length <= maxLength ? undefined : `must be at most ${maxLength} characters, got ${value.length}`;
    }
    case 'enum':
      return typeof value === 'string' && setting.choices.includes(value) ? undefined : `must be one of ${setting.choices.join(', ')}, ${got}`;
    case 'integer-list': {
      if (!Array.isArray(value) || value.length === 0 || !value.every((x) => Number.isInteger(x))) return `must be a non-empty list of integers, ${got}`;
      if (value.length > setting.maxLength) return `must have at most ${setting.maxLength} entries, got ${value.length}`;
      const outside = value.find((x: number) => (setting.min !== undefined && x < setting.min) || (setting.max !== undefined && x > setting.max));
      return outside === undefined ? undefined : `entries must be ${describeRange(setting)}, ${got}`;
    }
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a finite number, ${got}`;
      if (setting.type === 'integer' && !Number.isInteger(value)) return `must be an integer, ${got}`;
      const range = describeRange(setting);
      const inside = (setting.min === undefined || value >= setting.min) && (setting.max === undefined || value <= setting.max)
        && (setting.exclusiveMin === undefined || value > setting.exclusiveMin) && (setting.exclusiveMax === undefined || value < setting.exclusiveMax);
      return inside ? undefined : `must be ${range}, ${got}`;
    }
  }
}

function describeRange(setting: { min?: number; max?: number; exclusiveMin?: number; exclusiveMax?: number }): string {
  const parts: string[] = [];
  if (setting.min !== undefined) parts.push(`≥ ${setting.min}`);
  if (setting.exclusiveMin !== undefined) parts.push(`> ${setting.exclusiveMin}`);
  if (setting.max !== undefined) parts.push(`≤ ${setting.max}`);
  if (setting.exclusiveMax !== undefined) parts.push(`< ${setting.exclusiveMax}`);
  return parts.join(' and ');
}

/**
 * The `--set key=value` flags as one layer, each value parsed by its setting's type: numbers as
 * JavaScript numerals (`3e-4`), booleans as `true`/`false`, lists as `64,64`, strings and enums as written.
 * Unparseable flags are recorded in `problems`; unknown keys pass through for {@link resolveSettings}
 * to report with a suggestion.
 */
export function parseSetArguments(schema: SettingsSchema, assignments: readonly string[], problems: string[]): SettingsLayer {
  const values: Record<string, unknown> = {};
  for (const assignment of assignments) {
    const equals = assignment.indexOf('=');
    if (equals <= 0) {
      problems.push(`--set ${assignment}: expected key=value`);
      continue;
    }
    const key = assignment.slice(0, equals);
    const text = assignment.slice(equals + 1);
    const setting = Object.hasOwn(schema, key) ? schema[key]! : undefined;
    if (setting?.type === 'integer-list') {
      const entries = text.split(',').map((entry) => (entry.trim() === '' ? NaN : Number(entry)));
      if (entries.some(Number.isNaN)) problems.push(`--set ${assignment}: '${text}' is not a comma-separated list of numbers`);
      else values[key] = entries;
    } else if (setting?.type === 'number' || setting?.type === 'integer') {
      const value = text.trim() === '' ? NaN : Number(text);
      if (Number.isNaN(value)) problems.push(`--set ${assignment}: '${text}' is not a number`);
      else values[key] = value;
    } else if (setting?.type === 'boolean') {
      if (text === 'true' || text === 'false') values[key] = text === 'true';
      else problems.push(`--set ${assignment}: expected true or false`);
    } else values[key] = text;
  }
  return { source: '--set', values };
}

/** Names longer than this get no suggestion: no typo of a short name is that long. */
const MAX_SUGGESTION_SEARCH_LENGTH = 64;

/**
 * The known name closest to `name` in edit distance, if close enough to be a likely typo. The
 * search costs |name| × |candidate| per candidate, so it is skipped for a name longer than
 * {@link MAX_SUGGESTION_SEARCH_LENGTH} (a 90 MB name took 83 s) and for each candidate whose length
 * alone puts it out of reach.
 */
export function nearest(name: string, known: readonly string[]): string | undefined {
  if (name.length > MAX_SUGGESTION_SEARCH_LENGTH) return undefined;
  const reach = Math.max(2, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    // The edit distance is at least the difference in length.
    if (Math.abs(candidate.length - name.length) > reach) continue;
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return bestDistance <= reach ? best : undefined;
}

/** Levenshtein distance: insertions, deletions and substitutions, one each. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The schema as `--help` text: one line per setting with its type, range, default and doc.
 * @param preset values that a preset sets, shown as `preset VALUE (default VALUE)` on their lines
 */
export function formatSettingsHelp(schema: SettingsSchema, preset: Record<string, unknown> = {}): string {
  const rows = Object.entries(schema).map(([key, setting]) => {
    let type: string = setting.type;
    if (setting.type === 'enum') type = setting.choices.join('|');
    else if (setting.type === 'number' || setting.type === 'integer' || setting.type === 'integer-list') {
      // A list as its length and its entries' type: "1–16 integers ≥ 1 and ≤ 4096".
      if (setting.type === 'integer-list') type = `1–${setting.maxLength} integers`;
      const range = describeRange(setting);
      if (range) type += ` ${range}`;
    }
    const value = Object.hasOwn(preset, key) ? `preset ${JSON.stringify(preset[key])} (default ${JSON.stringify(setting.default)})` : `default ${JSON.stringify(setting.default)}`;
    return [key, type, value, setting.doc];
  });
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => `  ${row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ')}`.trimEnd()).join('\n');
}
