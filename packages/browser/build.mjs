// Builds the script-tag IIFE (minified, what sites load) and an ESM copy for bundler users.
import { build } from 'esbuild';

// An explicit modern target, so esbuild down-levels nothing (optional chaining, ??, for-of stay as written).
const target = ['es2020', 'chrome80', 'firefox78', 'safari14'];
/**
 * esbuild shortens locals, never property names: these internal-only ones (the resolved config,
 * the delivery queue's and the cookie store's methods) are renamed in both builds. Only long,
 * distinctive names, matched whole: never a beacon, cookie, queue-entry (stored across page
 * views) or public API key, nor a name a built-in also has (`set`, `all`, `remove`, `id` …).
 */
export const mangleProps = /^(endpoint|cookieDomain|clickIdDays|sessionMinutes|consentRequired|excludeForms|honeypot|pending|deliver|resendPending|flush)$/;
const common = { entryPoints: ['src/index.ts'], bundle: true, target, legalComments: 'none', logLevel: 'warning', mangleProps };

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
