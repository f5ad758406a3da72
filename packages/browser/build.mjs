// Builds the script-tag IIFE (minified, what sites load), a readable debug copy with the logging,
// and the ESM build for apps (`init()`, dist/init.js) with its types.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

// An explicit modern target, so esbuild down-levels nothing (optional chaining, ??, for-of stay as written).
const target = ['es2020', 'chrome80', 'firefox78', 'safari14'];
/**
 * esbuild shortens locals, never property names: these internal-only ones (the resolved config,
 * nextCookies' fields, the delivery queue's and the cookie store's methods) are renamed in both
 * builds. Only long, distinctive names, matched whole: never a beacon, cookie, queue-entry (stored
 * across page views) or public API key, nor a name a built-in also has (`set`, `all`, `remove` …).
 */
const mangleProps = /^(endpoint|cookieDomain|clickIdDays|sessionMinutes|utmParams|flowCookie|sessionCookie|nowMs|consentRequired|excludeForms|honeypot|pending|deliver|resendPending|flush)$/;
/**
 * The script's one js-cookie instance brings its own read and write (src/index.ts), so js-cookie's
 * default converter is dead code: it is reduced to the plain URI codec (77 → 5 B gzip), which the
 * default instance would still work with. The build fails if js-cookie's source changes shape.
 */
const jsCookieCodec = {
  name: 'js-cookie-codec',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]js-cookie[\\/]dist[\\/]js\.cookie\.mjs$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const contents = source.replace(/var defaultConverter = \{[\s\S]*?\n\};/, 'var defaultConverter = { read: decodeURIComponent, write: encodeURIComponent };');
      if (contents == source) throw new Error(`js-cookie changed: no default converter in ${path}`);
      return { contents, loader: 'js' };
    });
  },
};
const common = {
  absWorkingDir: fileURLToPath(new URL('.', import.meta.url)),
  entryPoints: ['src/index.ts'],
  bundle: true,
  // @leadbeacon/rules from its TypeScript source: the script needs no build of it first.
  conditions: ['source'],
  format: 'iife',
  target,
  // js-cookie's MIT notice (`/*! js-cookie … | MIT */`) stays in what ships, as its license asks.
  legalComments: 'inline',
  logLevel: 'warning',
  mangleProps,
  plugins: [jsCookieCodec],
};

/** The options of the shipped, minified script (bench/modules.mjs measures with them too). */
export const minified = { ...common, minify: true, outfile: 'dist/leadbeacon.js', define: { __DEBUG__: 'false', __ESM__: 'false' } };

// Builds only when run (`node build.mjs`), not when a bench imports the options.
if (process.argv[1] && import.meta.url == pathToFileURL(process.argv[1]).href) {
  await build(minified);
  await build({ ...common, outfile: 'dist/leadbeacon.debug.js', define: { __DEBUG__: 'true', __ESM__: 'false' } });
  // For bundlers: readable (the app's bundler minifies) but with the debug branches dropped (minifySyntax);
  // the page wiring runs only when init() is called.
  // The debug view, loaded by leadbeacon.js only on demand (?leadbeacon_debug): never in the main script's bytes.
  await build({ ...minified, entryPoints: ['src/debug/index.ts'], outfile: 'dist/leadbeacon-debug.js' });
  await build({ ...common, entryPoints: ['src/init.ts'], format: 'esm', minifySyntax: true, mangleProps: undefined, outfile: 'dist/init.js', define: { __DEBUG__: 'false', __ESM__: 'true' } });
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
