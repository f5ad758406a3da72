// `pnpm bench` (size): leadbeacon.js beside its peers, each minified the same way (esbuild, the
// target of build.mjs) and compressed the same way (node:zlib gzip level 9, brotli quality 11),
// all in this run. Figures go to docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const target = ['es2020', 'chrome80', 'firefox78', 'safari14'];

async function minify(entry, format = 'iife') {
  const result = await build({ entryPoints: [entry], bundle: true, minify: true, format, target, write: false, legalComments: 'none', logLevel: 'error' });
  return result.outputFiles[0].contents;
}

/**
 * umami's npm package is the whole app (Next.js, Prisma: 54 runtime dependencies) with the tracker
 * as one source file; rather than install that as a devDependency, fetch the tarball with npm and
 * take the file. Cached under node_modules/.cache.
 */
function umamiTracker() {
  const cache = `${root}node_modules/.cache/leadbeacon-bench`;
  const file = `${cache}/package/src/tracker/index.js`;
  if (!existsSync(file)) {
    mkdirSync(cache, { recursive: true });
    const tarball = execFileSync('npm', ['pack', 'umami@2.10.0', '--silent'], { cwd: cache, encoding: 'utf8' }).trim().split('\n').pop();
    execFileSync('tar', ['xzf', tarball, 'package/src/tracker/index.js'], { cwd: cache });
  }
  return file;
}

const rows = [];
async function measure(name, source, getBytes) {
  try {
    const bytes = await getBytes();
    rows.push([name, source, bytes.length, gzipSync(bytes, { level: 9 }).length, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length]);
  } catch (error) {
    rows.push([name, `${source}: unavailable (${String(error.message).split('\n')[0]})`, '', '', '']);
  }
}

await measure('leadbeacon', 'dist/leadbeacon.js (this build)', () => readFileSync(`${root}dist/leadbeacon.js`));
await measure('umami tracker', 'npm umami@2.10.0 src/tracker/index.js', () => minify(umamiTracker()));
await measure('Plausible', 'npm @plausible-analytics/tracker@0.4.6', () => minify(require.resolve('@plausible-analytics/tracker'), 'esm'));
await measure('sourcebuster', 'npm sourcebuster@1.1.0', () => minify(require.resolve('sourcebuster')));
// Not in the npm registry these machines reach (404 for `attributor` and `form-attribution`):
// the min+gzip figures, labelled as such.
rows.push(['attributor', 'not on npm: issue #3 figure', '', 2885, '']);
rows.push(['form-attribution', 'not on npm: issue #3 figure', '', 5600, '']);

const header = ['script', 'measured from', 'min B', 'gzip B', 'brotli B'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
const line = (cells) => '| ' + cells.map((cell, i) => String(cell).padEnd(widths[i])).join(' | ') + ' |';
console.log([line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
