// Prints how long the synchronous part of a form capture takes (collectFields + fitBeacon, the
// work between the submit event and the request) for a realistic 30-field form. The submit
// handler runs before the page can navigate or paint, so this is time the visitor waits.
// Run: node packages/browser/bench/forms.mjs (after pnpm install; bundles src/ with esbuild).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const { outputFiles } = await build({
  stdin: { contents: `export { collectFields } from '../src/forms'; export { fitBeacon } from '../src/fit-beacon';`, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'ts' },
  bundle: true, write: false, format: 'esm', define: { __DEBUG__: 'false' }, logLevel: 'error',
});
const { collectFields, fitBeacon } = await import(`data:text/javascript,${encodeURIComponent(outputFiles[0].text)}`);

// A Gravity-Forms-like form: numbered names, labels doing the work, hidden fields, a long message.
const fields = [
  { name: 'input_1.3', type: 'text', label: 'First', values: ['Jane'] },
  { name: 'input_1.6', type: 'text', label: 'Last', values: ['van der Berg'] },
  { name: 'input_3', type: 'email', label: 'Email (Required)', values: ['jane@example.com'] },
  { name: 'input_4', type: 'tel', label: 'Phone', values: ['+31 6 87654321'] },
  { name: 'input_5', type: 'text', label: 'Company', values: ['Acme Inc.'] },
  { name: 'input_7', type: 'textarea', label: 'Message', values: ['Please call me. '.repeat(300)] },
  ...Array.from({ length: 12 }, (_, i) => ({ name: `input_${10 + i}`, type: 'text', label: `Question ${i + 1}`, values: [`Answer ${i + 1}`] })),
  ...Array.from({ length: 6 }, (_, i) => ({ name: `input_30.${i + 1}`, type: 'checkbox', label: 'Services', values: i % 2 ? [] : [`Service ${i}`] })),
  ...Array.from({ length: 6 }, (_, i) => ({ name: `gform_hidden_${i}`, type: 'hidden', values: [`h${i}`] })),
];
const beacon = (collected) => ({ uniqueEventId: 'e'.repeat(32), attributionData: { gclid: 'x' }, pageMs: 1, ...collected });

const run = () => fitBeacon(beacon(collectFields(fields, 'lb_hp')));
for (let i = 0; i < 2_000; i++) run(); // warm up the JIT
const rounds = 20_000;
const start = performance.now();
for (let i = 0; i < rounds; i++) run();
const us = ((performance.now() - start) / rounds) * 1000;
console.log(`forms capture (collectFields + fitBeacon), ${fields.length} fields, ${run().length}-byte beacon: ${us.toFixed(1)} µs per submit (Node ${process.versions.node})`);

// The worst case for fitBeacon: 20 fields of 10,000 three-byte characters must be halved to fit.
const big = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, '€'.repeat(10_000)]));
const bigRounds = 500;
const bigStart = performance.now();
for (let i = 0; i < bigRounds; i++) fitBeacon(beacon({ userData: {}, formData: big }));
console.log(`fitBeacon worst case (600 kB of formData cut to 60,000 bytes): ${(((performance.now() - bigStart) / bigRounds) * 1000).toFixed(0)} µs`);
