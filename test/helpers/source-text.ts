// TypeScript source with its comments blanked out — and, if asked, the text of its string and
// template literals — for the tests that read src/ as text (no TypeScript compiler API is at
// hand): the import graph and the scan for host transcendental functions. Blanked characters
// become spaces, so lines and columns stay where they were; the expressions inside a template's
// ${…} stay code.

/** `source` with comments (and, with `blankStrings`, the text of string and template literals) replaced by spaces. */
export function sourceCode(source: string, { blankStrings = false } = {}): string {
  let out = '';
  let i = 0;
  /** For each `${` still open, the brace depth at which it closes back into its template. */
  const templates: number[] = [];
  let depth = 0;
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  const literal = (text: string) => (blankStrings ? blank(text) : text);
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== c && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      out += c + literal(source.slice(i + 1, j)) + source.slice(j, j + 1);
      i = j + 1;
    } else if (c === '`' || (c === '}' && templates.length > 0 && templates[templates.length - 1] === depth)) {
      // A template's text, from its opening backtick (or the } closing a ${…}) to its end or the next ${.
      if (c === '}') {
        templates.pop();
        depth--;
      }
      let j = i + 1;
      while (j < source.length && source[j] !== '`' && !(source[j] === '$' && source[j + 1] === '{')) j += source[j] === '\\' ? 2 : 1;
      out += c + literal(source.slice(i + 1, j));
      if (source[j] === '$') {
        depth++;
        templates.push(depth);
        out += '${';
        i = j + 2;
      } else {
        out += source.slice(j, j + 1);
        i = j + 1;
      }
    } else {
      if (c === '{') depth++;
      else if (c === '}') depth--;
      out += c;
      i++;
    }
  }
  return out;
}
