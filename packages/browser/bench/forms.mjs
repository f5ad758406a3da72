// Prints how long the synchronous part of a form capture takes (pickFields + fitBeacon, the
// work between the submit event and the request) for a realistic 30-field form. The submit
// handler runs before the page can navigate or paint, so this is time the visitor waits.
// Run: node packages/browser/bench/forms.mjs (after pnpm install; bundles src/ with esbuild).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const { outputFiles } = await build({
  stdin: { contents: `export { pickFields } from '../src/pick-fields'; export { fitBeacon } from '../src/fit-beacon';`, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'ts' },
  bundle: true, write: false, format: 'esm', define: { __DEBUG__: 'false' }, logLevel: 'error',
});
const { pickFields, fitBeacon } = await import(`data:text/javascript,${encodeURIComponent(outputFiles[0].text)}`);

// A Gravity-Forms-like form: numbered names, labels doing the work, hidden fields, a long message.
const fields = [
  { n: 'input_1.3', t: 'text', l: 'First', v: ['Jane'] },
  { n: 'input_1.6', t: 'text', l: 'Last', v: ['van der Berg'] },
  { n: 'input_3', t: 'email', l: 'Email (Required)', v: ['jane@example.com'] },
  { n: 'input_4', t: 'tel', l: 'Phone', v: ['+31 6 87654321'] },
  { n: 'input_5', t: 'text', l: 'Company', v: ['Acme Inc.'] },
  { n: 'input_7', t: 'textarea', l: 'Message', v: ['Please call me. '.repeat(300)] },
  ...Array.from({ length: 12 }, (_, i) => ({ n: `input_${10 + i}`, t: 'text', l: `Question ${i + 1}`, v: [`Answer ${i + 1}`] })),
  ...Array.from({ length: 6 }, (_, i) => ({ n: `input_30.${i + 1}`, t: 'checkbox', l: 'Services', v: i % 2 ? [] : [`Service ${i}`] })),
  ...Array.from({ length: 6 }, (_, i) => ({ n: `gform_hidden_${i}`, t: 'hidden', v: [`h${i}`] })),
];
const beacon = (picked) => ({ uniqueEventId: 'e'.repeat(32), attributionData: { gclid: 'x' }, pageMs: 1, form: { i: 'gform_1' }, ...picked });

const run = () => fitBeacon(beacon(pickFields(fields, 'lb_hp')));
for (let i = 0; i < 2_000; i++) run(); // warm up the JIT
const rounds = 20_000;
const start = performance.now();
for (let i = 0; i < rounds; i++) run();
const us = ((performance.now() - start) / rounds) * 1000;
console.log(`forms capture (pickFields + fitBeacon), ${fields.length} fields, ${run().length}-byte beacon: ${us.toFixed(1)} µs per submit (Node ${process.versions.node})`);

// The worst case for fitBeacon: 20 fields of 10,000 three-byte characters must be halved to fit.
const big = Array.from({ length: 20 }, (_, i) => ({ n: `f${i}`, v: ['€'.repeat(10_000)] }));
const bigRounds = 500;
const bigStart = performance.now();
for (let i = 0; i < bigRounds; i++) fitBeacon(beacon({ fields: big }));
console.log(`fitBeacon worst case (600 kB of field values cut to 60,000 bytes): ${(((performance.now() - bigStart) / bigRounds) * 1000).toFixed(0)} µs`);
