import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { curveStyles, formatSteps, learningCurveSvg, niceTicks, summariseRuns, type CurveRun } from '../../src/report/learning-curve-svg.js';
import { allElements, parseXml } from '../helpers/xml.js';

const steps = [0, 1000, 2000, 3000, 4000];
const seeds: CurveRun[] = [
  { label: 'ppo CartPole-v1', steps, values: [10, 20, 30, 40, 50] },
  { label: 'ppo CartPole-v1', steps, values: [12, 18, 36, 44, 60] },
  { label: 'ppo CartPole-v1', steps, values: [8, 25, 33, 38, 55] },
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
  const values = seeds.map((s) => at(s.values as number[])).sort((a, b) => a - b);
  assert.ok(Math.abs(group!.median[k]! - values[1]!) < 1e-12, 'median of interpolated values (1e-12)');
});

test('one run keeps its own points; a shorter run drops out where it ends; an even count takes the mean of the middle two', () => {
  const [single] = summariseRuns([seeds[0]!]);
  assert.equal(single!.steps, steps);
  assert.equal(single!.median, [10, 20, 30, 40, 50]);
  const [pair] = summariseRuns([seeds[0]!, { label: 'ppo CartPole-v1', steps: [0, 2000], values: [20, 40] }]);
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
  const other: CurveRun = { label: 'trpo CartPole-v1 <&>', steps, values: [9, 30, 90, 200, 480] };
  const svg = learningCurveSvg([{ title: 'CartPole-v1', runs: [...seeds, other], threshold: { value: 475, label: 'solved at 475' } }]);
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
  const svg = learningCurveSvg([{ title: 'CartPole-v1', runs: [{ label: 'ppo CartPole-v1', steps, values: returns }], threshold: { value: 475, label: 'solved at 475' } }]);
  const [group] = summariseRuns([{ label: 'ppo CartPole-v1', steps, values: returns }, { label: 'ppo CartPole-v1', steps, values: returns }]);
  const line = allElements(parseXml(svg)).find((e) => e.attributes.class === 'median')!;
  const points = line.attributes.points!.split(' ');
  assert.ok(points.length <= 2000, `${points.length} points`);
  const [single] = summariseRuns([{ label: 'ppo CartPole-v1', steps, values: returns }]);
  assert.is(single!.steps.length, points.length);
  assert.equal([single!.steps[0], single!.median[0]], [4, 0], 'the first point');
  assert.equal([single!.steps.at(-1), single!.median.at(-1)], [4 * count, returns[count - 1]], 'the last point');
  assert.ok(single!.median.includes(500) && single!.median.includes(-50), 'the spike and the dip are kept');
  assert.is(group!.steps.length, 200, 'two runs: the 200-step grid');
});

test('every curve its own colour and dash pattern: 20 labels in one figure, 200 styles generated', () => {
  const runs: CurveRun[] = Array.from({ length: 20 }, (_, i) => ({ label: `run ${i}`, steps, values: [i, i + 1, i + 2, i + 3, i + 4] }));
  const lines = allElements(parseXml(learningCurveSvg([{ title: 'CartPole-v1', runs }]))).filter((e) => e.attributes.class === 'median');
  assert.is(lines.length, 20);
  assert.is(new Set(lines.map((e) => e.attributes.stroke!.toLowerCase())).size, 20, 'colours: no repetition after 8 or 12');
  assert.is(new Set(lines.map((e) => e.attributes['stroke-dasharray'] ?? '')).size, 20, 'dash patterns');
  for (const line of lines) assert.match(line.attributes.stroke!, /^#[0-9A-Fa-f]{6}$/);
  const styles = curveStyles(200);
  assert.is(new Set(styles.map((style) => style.colour.toLowerCase())).size, 200);
  assert.is(new Set(styles.map((style) => style.dash)).size, 200);
});

test('two identical curves of two labels: the same points, drawn solid and dashed in two colours, and so in the legend', () => {
  const values = [10, 20, 30, 40, 50];
  const svg = learningCurveSvg([{ title: 'CartPole-v1', runs: [{ label: 'ppo CartPole-v1', steps, values }, { label: 'trpo CartPole-v1', steps, values }] }]);
  const elements = allElements(parseXml(svg));
  const [first, second] = elements.filter((e) => e.attributes.class === 'median');
  assert.is(first!.attributes.points, second!.attributes.points, 'they coincide');
  assert.is(first!.attributes['stroke-dasharray'], undefined, 'the first solid');
  assert.ok(second!.attributes['stroke-dasharray'], 'the second dashed, so that the first shows through its gaps');
  assert.is.not(first!.attributes.stroke, second!.attributes.stroke);
  const legend = elements.find((e) => e.attributes.class === 'legend')!.children.filter((e) => e.name === 'line');
  assert.equal(legend.map((e) => e.attributes['stroke-dasharray']), [undefined, second!.attributes['stroke-dasharray']]);
});

test('two panels stacked: each titled, with its own frame, axes, y label and threshold; the second below the first', () => {
  const svg = learningCurveSvg([
    { title: 'CartPole-v1', runs: [{ label: 'ppo CartPole-v1', steps, values: [10, 20, 30, 40, 50] }], threshold: { value: 475, label: 'solved at 475' } },
    { title: 'Acrobot-v1', runs: [{ label: 'ppo Acrobot-v1', steps, values: [-500, -400, -300, -200, -100] }], threshold: { value: -100, label: 'solved at -100' } },
  ], { title: 'Two environments', yLabel: 'episodic_return' });
  const root = parseXml(svg);
  const panels = allElements(root).filter((e) => e.attributes.class === 'panel');
  assert.equal(panels.map((p) => p.attributes['data-title']), ['CartPole-v1', 'Acrobot-v1']);
  const inside = (panel: typeof root, name: string) => allElements(panel).filter((e) => e.attributes.class === name);
  assert.equal(panels.map((p) => inside(p, 'panel-title')[0]!.text), ['CartPole-v1', 'Acrobot-v1']);
  assert.equal(panels.map((p) => inside(p, 'y-label')[0]!.text), ['episodic_return', 'episodic_return']);
  assert.equal(panels.map((p) => inside(p, 'threshold').length), [1, 1]);
  const [upper, lower] = panels.map((p) => inside(p, 'frame')[0]!.attributes);
  assert.ok(Number(lower!.y) > Number(upper!.y) + Number(upper!.height), 'the second frame starts below the first');
  assert.ok(Number(lower!.y) + Number(lower!.height) <= Number(root.attributes.height), 'inside the figure');
  assert.is(allElements(root).find((e) => e.name === 'title')!.text, 'Two environments');
});

test('no data: a valid SVG that says so', () => {
  const root = parseXml(learningCurveSvg([{ title: 'CartPole-v1', runs: [{ label: 'ppo', steps: [], values: [] }] }]));
  assert.ok(allElements(root).some((e) => e.text === 'no episodes finished yet'));
});

test.run();
