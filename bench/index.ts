// `npm run bench`: every suite, printed as the Markdown tables that bench/RESULTS.md records.
import { benchmarkGemm } from './kernels.js';
import { describeMachine } from './measure.js';
import { benchmarkMLP } from './mlp.js';
import { benchmarkSecondOrder } from './second-order.js';
import { loadTfjsWasm } from './tfjs-peer.js';

const format = (x: number | undefined, digits = 3): string => (x === undefined ? '—' : x.toPrecision(digits));

const tf = await loadTfjsWasm();
console.log(`Machine: ${await describeMachine()}; TensorFlow.js wasm peer: ${tf ? `tfjs-core ${tf.version_core}` : 'not installed'}\n`);

console.log('### gemm, f32, one thread (GFLOP/s)\n');
console.log('| m×k×n | A·B | A·Bᵀ | Aᵀ·B | TensorFlow.js wasm A·B |\n|---|---|---|---|---|');
const gemm = await benchmarkGemm(tf);
for (const shape of [...new Set(gemm.map((r) => r.shape))]) {
  const of = (layout: string) => format(gemm.find((r) => r.shape === shape && r.layout === layout)?.gflops);
  console.log(`| ${shape} | ${of('nn')} | ${of('nt')} | ${of('tn')} | ${of('tfjs')} |`);
}

console.log('\n### MLP 4-64-64-2 tanh, f32, one thread (milliseconds, median)\n');
console.log('| task | policygrad | TensorFlow.js wasm | speed-up |\n|---|---|---|---|');
for (const row of await benchmarkMLP(tf)) {
  const speedUp = row.tfjsMs === undefined ? '—' : `${(row.tfjsMs / row.policygradMs).toFixed(1)}×`;
  console.log(`| ${row.task} | ${format(row.policygradMs)} | ${format(row.tfjsMs)} | ${speedUp} |`);
}

const { scaling, explicit } = await benchmarkSecondOrder();
console.log('\n### Hessian–vector product against gradient, [16, w, w, 4] tanh, batch 64, f32\n');
console.log('| parameters D | gradient (ms) | HVP (ms) | HVP / gradient | HVP ns per parameter |\n|---|---|---|---|---|');
for (const r of scaling) {
  console.log(`| ${r.parameters} | ${format(r.gradientMs)} | ${format(r.hvpMs)} | ${r.ratio.toFixed(2)} | ${format(r.hvpNsPerParameter)} |`);
}
console.log('\n### Forming the Hessian explicitly (D products, D² entries)\n');
console.log('| parameters D | one HVP (ms) | whole Hessian (ms) | Hessian / HVP |\n|---|---|---|---|');
for (const r of explicit) {
  console.log(`| ${r.parameters} | ${format(r.hvpMs)} | ${format(r.formHessianMs)} | ${(r.formHessianMs / r.hvpMs).toFixed(0)} |`);
}
