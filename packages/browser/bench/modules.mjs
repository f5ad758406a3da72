// `node bench/modules.mjs`: where the minified script's bytes go. The shipped build's own options
// (build.mjs) with an esbuild metafile: each module's bytes in esbuild's minified output (terser,
// the shipped build's last step, works on the whole file), then the shipped file's minified, gzip
// (node:zlib level 9) and brotli (quality 11) bytes, as the size test measures them.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { bundle, minified } from '../build.mjs';

const result = await build({ ...minified, write: false, metafile: true });
const [output] = Object.values(result.metafile.outputs);
const rows = Object.entries(output.inputs).sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput);
console.log('| module | min B |\n| --- | --- |');
for (const [path, { bytesInOutput }] of rows) console.log(`| ${path.replace(/^.*node_modules\/(?:\.pnpm\/)?/, '').replace(/^src\//, '')} | ${bytesInOutput} |`);
const bytes = Buffer.from(await bundle(minified));
const gzip = gzipSync(bytes, { level: 9 }).length;
const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
console.log(`\nwhole script: ${bytes.length} B min, ${gzip} B gzip, ${brotli} B brotli`);
