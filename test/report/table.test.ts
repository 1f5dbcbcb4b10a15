import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatTable } from '../../src/report/table.js';

test('a Markdown pipe table with columns padded to their widest cell, numbers right-aligned', () => {
  const table = formatTable(['task', 'ms'], [['forward', '1.0'], ['forward + backward', '12.25']], [1]);
  assert.is(table, [
    '| task               |    ms |',
    '|--------------------|------:|',
    '| forward            |   1.0 |',
    '| forward + backward | 12.25 |',
  ].join('\n'));
});

test.run();
