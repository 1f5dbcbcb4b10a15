import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatSteps, learningCurveSvg, niceTicks, summariseRuns, type CurveRun } from '../../src/report/learning-curve-svg.js';
import { allElements, parseXml } from '../helpers/xml.js';

const steps = [0, 1000, 2000, 3000, 4000];
const seeds: CurveRun[] = [
  { label: 'ppo CartPole-v1', steps, returns: [10, 20, 30, 40, 50] },
  { label: 'ppo CartPole-v1', steps, returns: [12, 18, 36, 44, 60] },
  { label: 'ppo CartPole-v1', steps, returns: [8, 25, 33, 38, 55] },
];

test('the well-formedness checker accepts XML and rejects what is not', () => {
  const root = parseXml('<?xml version="1.0"?>\n<svg a="1" b=\'2\'><!-- c --><g><text>x &amp; y</text></g><line/></svg>\n');
  assert.equal(allElements(root).map((e) => e.name), ['svg', 'g', 'text', 'line']);
  for (const bad of ['<svg><g></svg>', '<svg a="1" a="2"/>', '<svg>a & b</svg>', '<svg a=1/>', '<svg/><svg/>', '<svg a="<"/>', '<svg>']) {
    assert.throws(() => parseXml(bad), /not well-formed/, bad);
  }
});

test('several seeds of one label: median and min–max band at each grid step (hand-computed at the data points)', () => {
  const [group] = summariseRuns(seeds);
  assert.is(group!.runs, 3);
  assert.is(group!.steps.length, 200);
  assert.is(group!.steps[0], 0);
  assert.is(group!.steps[199], 4000);
  // At step 0: values 8, 10, 12 → median 10, band [8, 12]; at 4000: 50, 55, 60.
  assert.equal([group!.median[0], group!.low[0], group!.high[0]], [10, 8, 12]);
  assert.equal([group!.median[199], group!.low[199], group!.high[199]], [55, 50, 60]);
  // Between data points each run is interpolated linearly: grid step 4000·50/199 ≈ 1005 lies between 1000 and 2000.
  const k = 50;
  const x = group!.steps[k]!;
  const at = (r: number[]) => r[1]! + ((x - 1000) / 1000) * (r[2]! - r[1]!);
  const values = seeds.map((s) => at(s.returns as number[])).sort((a, b) => a - b);
  assert.ok(Math.abs(group!.median[k]! - values[1]!) < 1e-12, 'median of interpolated values (1e-12)');
});

test('one run keeps its own points; a shorter run drops out where it ends; an even count takes the mean of the middle two', () => {
  const [single] = summariseRuns([seeds[0]!]);
  assert.equal(single!.steps, steps);
  assert.equal(single!.median, [10, 20, 30, 40, 50]);
  const [pair] = summariseRuns([seeds[0]!, { label: 'ppo CartPole-v1', steps: [0, 2000], returns: [20, 40] }]);
  assert.is(pair!.median[0], 15);
  assert.is(pair!.median[199], 50, 'only the longer run covers step 4000');
});

test('nice ticks are 1, 2 or 5 × 10^k apart and cover the range', () => {
  assert.equal(niceTicks(0, 500), [0, 100, 200, 300, 400, 500]);
  assert.equal(niceTicks(-500, -60), [-500, -400, -300, -200, -100, 0]);
  assert.equal(niceTicks(0, 0.7), [0, 0.2, 0.4, 0.6, 0.8]);
  assert.equal(niceTicks(21, 21), [18, 19, 20, 21, 22, 23, 24], 'a flat curve gets a range around its value');
  assert.equal([formatSteps(0), formatSteps(250_000), formatSteps(1_500_000), formatSteps(512)], ['0', '250k', '1.5M', '512']);
});

test('the SVG parses as XML and has title, axes, ticks, one band and line per group, a legend and the threshold', () => {
  const other: CurveRun = { label: 'trpo CartPole-v1 <&>', steps, returns: [9, 30, 90, 200, 480] };
  const svg = learningCurveSvg([...seeds, other], { title: 'CartPole-v1', threshold: { value: 475, label: 'solved at 475' } });
  const root = parseXml(svg);
  assert.is(root.name, 'svg');
  assert.is(root.attributes.xmlns, 'http://www.w3.org/2000/svg');
  const elements = allElements(root);
  const byClass = (name: string) => elements.filter((e) => e.attributes.class === name);
  assert.is(elements.find((e) => e.name === 'title')!.text, 'CartPole-v1');
  assert.is(byClass('curve').length, 2);
  assert.is(byClass('band').length, 1, 'a band for the group of three seeds only');
  assert.is(byClass('median').length, 2);
  assert.is(byClass('threshold').length, 1);
  const texts = elements.filter((e) => e.name === 'text').map((e) => e.text);
  for (const label of ['environment steps', 'episodic return', 'solved at 475', 'ppo CartPole-v1 (median of 3 runs, band min–max)', 'trpo CartPole-v1 &lt;&amp;&gt;', '0', '4k', '500']) {
    assert.ok(texts.includes(label), `text '${label}' in ${JSON.stringify(texts)}`);
  }
  // Every point of every line lies inside the plot frame.
  const frame = byClass('frame')[0]!.attributes;
  const [left, top] = [Number(frame.x), Number(frame.y)];
  const [right, bottom] = [left + Number(frame.width), top + Number(frame.height)];
  for (const shape of [...byClass('median'), ...byClass('band')]) {
    for (const pair of shape.attributes.points!.split(' ')) {
      const [x, y] = pair.split(',').map(Number) as [number, number];
      assert.ok(x >= left - 0.05 && x <= right + 0.05 && y >= top - 0.05 && y <= bottom + 0.05, `${pair} inside the frame`);
    }
  }
});

test('a run of 10⁶ points (a 4-step batch run of 250,000 iterations) draws, at most 2,000 of them, keeping its extremes', () => {
  // Before: Math.min(...steps) threw RangeError "Maximum call stack size exceeded" from about 63,000 points.
  const count = 1_000_000;
  const steps = Array.from({ length: count }, (_, i) => 4 * (i + 1));
  const returns = Array.from({ length: count }, (_, i) => (i * 7919) % 1000 / 10);
  returns[123_457] = 500; // one spike and one dip, which downsampling must not smooth away
  returns[876_543] = -50;
  const svg = learningCurveSvg([{ label: 'ppo CartPole-v1', steps, returns }], { threshold: { value: 475, label: 'solved at 475' } });
  const [group] = summariseRuns([{ label: 'ppo CartPole-v1', steps, returns }, { label: 'ppo CartPole-v1', steps, returns }]);
  const line = allElements(parseXml(svg)).find((e) => e.attributes.class === 'median')!;
  const points = line.attributes.points!.split(' ');
  assert.ok(points.length <= 2000, `${points.length} points`);
  const [single] = summariseRuns([{ label: 'ppo CartPole-v1', steps, returns }]);
  assert.is(single!.steps.length, points.length);
  assert.equal([single!.steps[0], single!.median[0]], [4, 0], 'the first point');
  assert.equal([single!.steps.at(-1), single!.median.at(-1)], [4 * count, returns[count - 1]], 'the last point');
  assert.ok(single!.median.includes(500) && single!.median.includes(-50), 'the spike and the dip are kept');
  assert.is(group!.steps.length, 200, 'two runs: the 200-step grid');
});

test('no data: a valid SVG that says so', () => {
  const root = parseXml(learningCurveSvg([{ label: 'ppo', steps: [], returns: [] }]));
  assert.ok(allElements(root).some((e) => e.text === 'no episodes finished yet'));
});

test.run();
