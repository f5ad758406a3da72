// Builds the script-tag IIFE (minified, what sites load) and an ESM copy for bundler users.
import { build } from 'esbuild';

// An explicit modern target, so esbuild down-levels nothing (optional chaining, ??, for-of stay as written).
const target = ['es2020', 'chrome80', 'firefox78', 'safari14'];
const common = { entryPoints: ['src/index.ts'], bundle: true, target, legalComments: 'none', logLevel: 'warning' };

await build({
  ...common,
  format: 'iife',
  minify: true,
  outfile: 'dist/leadbeacon.js',
  define: { __DEBUG__: 'false' },
});
await build({
  ...common,
  format: 'iife',
  outfile: 'dist/leadbeacon.debug.js',
  define: { __DEBUG__: 'true' },
});
