// The package's version, for config.json and `policygrad --version`: read from package.json, which
// sits three levels above this module both in the sources and in dist/ (dist/src/io/).
import { readFileSync } from 'node:fs';

let version: string | undefined;

export function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return version;
}
