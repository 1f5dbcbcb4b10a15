// pandas.read_csv, the reader that progress.csv is made for: Debian's python3-pandas run with
// /usr/bin/python3 (the `python3` on PATH may be another interpreter). Missing pandas: a skip with
// a message, or under CI=true a failure (the convention of test/helpers/chromium.ts).
import { spawnSync } from 'node:child_process';
import { PYTHON, pythonModuleInstalled } from './debian-python.js';


/** Whether /usr/bin/python3 has pandas; if not, says that `what` is skipped, or throws under CI=true. */
export function pandasInstalled(what: string): boolean {
  return pythonModuleInstalled('pandas', 'python3-pandas', what);
}

/** What pandas read: the columns, their dtypes, and each column's values (numbers exactly, strings as read). */
export interface PandasFrame {
  columns: string[];
  dtypes: string[];
  values: (number | string)[][];
}

// Each float goes back as repr(), the shortest string that round-trips, so Number() of it is the
// same double; nan and inf as their names.
const SCRIPT = `
import json, sys, pandas
frame = pandas.read_csv(sys.argv[1], **json.loads(sys.argv[2]))
def cell(v):
    if isinstance(v, str): return {'s': v}
    return {'n': repr(float(v)) if isinstance(v, float) else str(v)}
print(json.dumps({'columns': [str(c) for c in frame.columns], 'dtypes': [str(t) for t in frame.dtypes],
  'values': [[cell(v) for v in frame[c].tolist()] for c in frame.columns]}))
`;

/** `pandas.read_csv(path, **options)`, e.g. options `{ float_precision: 'round_trip' }`. */
export function readCsvWithPandas(path: string, options: Record<string, unknown> = {}): PandasFrame {
  const result = spawnSync(PYTHON, ['-c', SCRIPT, path, JSON.stringify(options)], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`pandas.read_csv(${path}) failed: ${result.stderr}`);
  const frame = JSON.parse(result.stdout) as { columns: string[]; dtypes: string[]; values: ({ s: string } | { n: string })[][] };
  const number = (text: string) => (text === 'nan' ? Number.NaN : text === 'inf' ? Infinity : text === '-inf' ? -Infinity : Number(text));
  return { ...frame, values: frame.values.map((column) => column.map((c) => ('s' in c ? c.s : number(c.n)))) };
}
