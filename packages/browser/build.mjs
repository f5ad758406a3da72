// Builds the script-tag IIFE (minified, what sites load), a readable debug copy with the logging,
// the server-mode-only script, the scripts loaded on demand (the forms chunk, the debug view), and
// the ESM build for apps (`init()`, dist/init.js) with its types.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { minify } from 'terser';

// An explicit modern target, so esbuild down-levels nothing (optional chaining, ??, for-of stay as written).
const target = ['es2020', 'chrome80', 'firefox78', 'safari14'];
/**
 * esbuild shortens locals, never property names: these internal-only ones (the resolved config,
 * nextCookies' fields, the delivery queue's and the cookie store's methods, the chunk's holds'
 * methods and Ninja Forms' verdict) are renamed in every minified build. Only long, distinctive names, matched whole: never a beacon, cookie, queue-entry (stored
 * across page views) or public API key, nor a name a built-in also has (`set`, `all`, `remove` …).
 */
const mangleProps = /^(endpoint|cookieMode|cookieDomain|clickIdDays|sessionMinutes|utmParams|flowCookie|sessionCookie|nowMs|consentRequired|excludeForms|honeypot|pending|deliver|resendPending|flush|flow|settle|hold|accepted)$/;
const common = {
  absWorkingDir: fileURLToPath(new URL('.', import.meta.url)),
  entryPoints: ['src/index.ts'],
  bundle: true,
  // @leadbeacon/rules from its TypeScript source: the script needs no build of it first.
  conditions: ['source'],
  format: 'iife',
  target,
  legalComments: 'none',
  logLevel: 'warning',
  mangleProps,
};

/** The options of the shipped, minified script (bench/modules.mjs measures with them too). */
export const minified = { ...common, minify: true, outfile: 'dist/leadbeacon.js', define: { __DEBUG__: 'false', __SERVER__: 'false', __ESM__: 'false' } };
/**
 * leadbeacon.server.js: server mode only, for a page whose endpoint is on its own site. The
 * endpoint keeps the cookies, so the channel-flow rules, the cookie writes and the domain probe
 * are left out.
 */
export const serverOnly = { ...minified, outfile: 'dist/leadbeacon.server.js', define: { __DEBUG__: 'false', __SERVER__: 'true', __ESM__: 'false' } };

/** The chunk the script loads only on pages that need it (src/chunks.ts), built beside it. */
export const chunk = { ...minified, entryPoints: ['src/chunk.ts'], outfile: 'dist/leadbeacon-forms.js' };

/**
 * The text of a minified script: esbuild bundles (dropping the branches the defines turn off, and
 * renaming the properties above), terser minifies. Terser's output is ~3-4 % smaller in gzip than
 * esbuild's minifier (it inlines functions used once and reuses short names, which gzip repeats
 * well). Its default compress options only: no `unsafe*` one, which may change behaviour.
 * What the tests and benches measure: `bundle(minified)` is leadbeacon.js's exact text.
 */
export async function bundle(options) {
  const { outputFiles } = await build({ ...options, minify: false, minifySyntax: true, write: false });
  const { code } = await minify(outputFiles[0].text, {
    ecma: 2020,
    compress: { passes: 2 },
    // Non-ASCII stays escaped, as esbuild writes it: a page may serve the script without a charset.
    format: { ascii_only: true, comments: false },
  });
  return code;
}

async function write(options) {
  writeFileSync(join(fileURLToPath(new URL('.', import.meta.url)), options.outfile), await bundle(options));
}

// Builds only when run (`node build.mjs`), not when a bench imports the options.

if (process.argv[1] && import.meta.url == pathToFileURL(process.argv[1]).href) {
  mkdirSync(new URL('dist', import.meta.url), { recursive: true });
  await write(minified);
  await write(serverOnly);
  await write(chunk);
  await build({ ...common, outfile: 'dist/leadbeacon.debug.js', define: { __DEBUG__: 'true', __SERVER__: 'false', __ESM__: 'false' } });
  // The debug view, loaded by leadbeacon.js only on demand (?leadbeacon_debug): never in the main script's bytes.
  await write({ ...minified, entryPoints: ['src/debug/index.ts'], outfile: 'dist/leadbeacon-debug.js' });
  // For bundlers: readable (the app's bundler minifies) but with the debug branches dropped (minifySyntax);
  // the page wiring runs only when init() is called.
  await build({ ...common, entryPoints: ['src/init.ts'], format: 'esm', minifySyntax: true, mangleProps: undefined, outfile: 'dist/init.js', define: { __DEBUG__: 'false', __SERVER__: 'false', __ESM__: 'true' } });
  buildTypes();
}

/** dist/init.d.ts and what it imports: the ESM build's public types, nothing of the page wiring. */
function buildTypes() {
  const dir = fileURLToPath(new URL('.', import.meta.url));
  const out = mkdtempSync(join(tmpdir(), 'leadbeacon-types-'));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', out], { cwd: dir, stdio: 'inherit' });
    for (const file of ['init.d.ts', 'init-options.d.ts']) copyFileSync(join(out, file), join(dir, 'dist', file));
    // The script-tag files export nothing; an import of them (`import '@leadbeacon/browser/leadbeacon.js'`) type-checks.
    writeFileSync(join(dir, 'dist', 'leadbeacon.d.ts'), '// The script-tag build: it runs on load and exports nothing.\nexport {};\n');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
