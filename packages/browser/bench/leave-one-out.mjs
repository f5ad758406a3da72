// `node bench/leave-one-out.mjs [server|forms]`: what each module costs in gzip bytes. Builds the
// shipped script (build.mjs's bundle()) once whole, then once per module with that module replaced by zero-valued
// stubs of its exports, and prints the gzip difference. Not additive: a stubbed module takes the
// modules only it imports with it (pick-fields.ts takes sensitive.ts with it).
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { bundle, chunk, minified as script, serverOnly } from '../build.mjs';

// `node bench/leave-one-out.mjs server` (leadbeacon.server.js) or `forms` (leadbeacon-forms.js): the other builds.
const minified = { server: serverOnly, forms: chunk }[process.argv[2]] || script;

const stub = (filter, contents) => ({
  name: 'stub',
  setup(b) {
    b.onLoad({ filter }, (args) => ({ contents: contents(readFileSync(args.path, 'utf8')), loader: 'ts' }));
  },
});
// Destructured exports (`export const { matches } = Element.prototype`) are stubbed name by name.
const exportsAsStubs = (source) =>
  [
    ...new Set([
      ...[...source.matchAll(/export (?:async )?(?:function|const) (\w+)/g)].map(([, name]) => name),
      ...[...source.matchAll(/export const \{([^}]*)\}/g)].flatMap(([, names]) => names.split(',').map((name) => name.trim())),
    ]),
  ]
    .map((name) => `export const ${name}: any = 0;`)
    .join('\n');

async function gzipBytes(plugins = []) {
  return gzipSync(await bundle({ ...minified, logLevel: 'silent', plugins: [...(minified.plugins || []), ...plugins] }), { level: 9 }).length;
}

const whole = await gzipBytes();
const rows = [];
for (const file of readdirSync(new URL('../src', import.meta.url)).filter((f) => !/^(index|beacon)\.ts$/.test(f))) {
  rows.push([file, whole - (await gzipBytes([stub(new RegExp(`/src/${file.replace('.', '\\.')}$`), exportsAsStubs)]))]);
}
console.log(`whole script: ${whole} B gzip\n| module left out | gzip B saved |\n| --- | --- |`);
for (const [name, bytes] of rows.sort((a, b) => b[1] - a[1])) console.log(`| ${name} | ${bytes} |`);
