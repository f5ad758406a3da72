// The bytes that ship, measured as the peers are (zod's bundle-size test): no extra dependency, node:zlib only.
// Plain .mjs: the browser package's tsconfig has no Node types, and this test needs node:zlib and the build.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Issue #3 set the goal at 3,000 bytes gzip and this ceiling at 3,500; neither is met. History:
 * 4,200 gzip / 3,900 brotli when attribution capture landed alone (4,053 / 3,710); with form
 * capture the script measured 6,354 / 5,805; moving field interpretation to the endpoint and a size
 * pass brought it to 5,483 / 5,013; moving the id cookies' parsing and the contact check to the
 * endpoint to 5,065 / 4,617; the page-cost changes (the lb_q marker, reads from the page view's
 * snapshot) put back 89 / 85: 5,154 / 4,702; js-cookie replaced by cookie-jar.ts's two functions
 * (what the script used of it) took ~440 off. Every part left is one that issues #3 and #4 require
 * (what each part costs: `node bench/leave-one-out.mjs`,
 * docs/benchmarks.md). This ceiling is that figure plus ~2 %, to stop growth while the goal or the
 * features are decided. Form capture part 2 (builders' outcomes, HubSpot, iframes) put everything
 * in leadbeacon-forms.js, loaded only where a page shows a sign of needing it; what stays here is
 * the check for those signs and the chunk's way in (`_x`, the `lb` skip mark), the loader shared
 * with the debug view's, and two small cuts that pay part of it (no no-op logger handed to the
 * delivery, no `void 0` argument): 5,236 → 5,297 gzip / 4,757 → 4,809 brotli. The ceiling moved to the hard limit of
 * 5,300 / 4,820: nothing is left for growth without a cut elsewhere. After the ESM build, server
 * mode and hardening it measured 5,300 / 4,812; a size pass with no feature removed (terser after
 * esbuild, Max-Age cookies, one capture of the prototypes' methods, no WeakSet of shadow roots,
 * docs/benchmarks.md "Size fit") brought it to 5,033 / 4,548 while loading the forms chunk in
 * server mode too. This ceiling is that figure plus ~2 % again; the hard limit stays 5,300.
 */
const GZIP_CEILING = 5135;
const BROTLI_CEILING = 4640;

// Nothing server-side, no secret, no debug output may reach the page.
const MUST_NOT_APPEAR = ['apiKey', 'X-API-Key', 'projectId', 'createServerSideLead', 'leadtrackr.io', 'console.', '[leadbeacon]', 'dropped', 'cookie domain', 'sourceMappingURL'];

const dir = fileURLToPath(new URL('..', import.meta.url));
let script = Buffer.alloc(0);
let debug = '';
let esm = '';

beforeAll(() => {
  execFileSync(process.execPath, ['build.mjs'], { cwd: dir });
  script = readFileSync(new URL('../dist/leadbeacon.js', import.meta.url));
  debug = readFileSync(new URL('../dist/leadbeacon.debug.js', import.meta.url), 'utf8');
  esm = readFileSync(new URL('../dist/init.js', import.meta.url), 'utf8');
});

describe('the minified script', () => {
  it(`is at most ${GZIP_CEILING} bytes gzip`, () => {
    const bytes = gzipSync(script, { level: 9 }).length;
    console.info(`leadbeacon.js: ${script.length} B min, ${bytes} B gzip`);
    expect(bytes).toBeLessThanOrEqual(GZIP_CEILING);
  });

  it(`is at most ${BROTLI_CEILING} bytes brotli`, () => {
    const bytes = brotliCompressSync(script, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    expect(bytes).toBeLessThanOrEqual(BROTLI_CEILING);
  });

  it.each(MUST_NOT_APPEAR)('does not contain %j', (text) => {
    expect(script.toString('utf8')).not.toContain(text);
  });

  it('drops debug strings that the debug build has', () => {
    // Proves the list above can fail: these strings exist in the source.
    expect(debug).toContain('[leadbeacon]');
    expect(debug).toContain('dropped submit');
  });
});

// leadbeacon-forms.js loads only on pages with a form builder, HubSpot or data-frame-origins
// (src/chunks.ts); 3,560 B gzip when it was built (Ninja Forms and the framed page's form
// capture included), 3,677 after hardening, 3,515 after the size pass (terser); this ceiling is
// that figure plus ~2 %, so it stops growing unnoticed.
const CHUNK_GZIP_CEILING = 3585;

describe('the chunk leadbeacon-forms.js', () => {
  const chunk = () => readFileSync(new URL('../dist/leadbeacon-forms.js', import.meta.url));

  it(`is at most ${CHUNK_GZIP_CEILING} bytes gzip`, () => {
    const bytes = gzipSync(chunk(), { level: 9 }).length;
    console.info(`leadbeacon-forms.js: ${chunk().length} B min, ${bytes} B gzip`);
    expect(bytes).toBeLessThanOrEqual(CHUNK_GZIP_CEILING);
  });

  it.each(MUST_NOT_APPEAR)('does not contain %j', (text) => {
    expect(chunk().toString('utf8')).not.toContain(text);
  });
});

/**
 * leadbeacon.server.js, the server-mode-only build: the goal is 3,000 B gzip. Measured
 * 3,120 when it landed: what is left is form capture, the sensitive filter, delivery and the
 * consent the page alone knows. This ceiling is that figure plus ~2 %, to stop growth. Hardening
 * took it to 3,391; the size pass to 3,171 (with the forms chunk's loader, which server mode had
 * lost). The ceiling stays: that figure plus 2 % would be above it.
 */
const SERVER_GZIP_CEILING = 3190;

describe('the server-mode-only script', () => {
  let serverScript = '';
  beforeAll(() => {
    serverScript = readFileSync(new URL('../dist/leadbeacon.server.js', import.meta.url), 'utf8');
  });

  it(`is at most ${SERVER_GZIP_CEILING} bytes gzip`, () => {
    const bytes = gzipSync(serverScript, { level: 9 }).length;
    console.info(`leadbeacon.server.js: ${serverScript.length} B min, ${bytes} B gzip`);
    expect(bytes).toBeLessThanOrEqual(SERVER_GZIP_CEILING);
  });

  it.each([...MUST_NOT_APPEAR, 'lb_probe', 'lb_domain', 'lt_session', 'document.cookie='])('does not contain %j', (text) => {
    expect(serverScript).not.toContain(text);
  });
});

describe('the ESM build for apps (dist/init.js)', () => {
  it('imports where there is no window (server rendering) and exports init', async () => {
    const module = await import(new URL('../dist/init.js', import.meta.url).href);
    expect(typeof module.init).toBe('function');
    await expect(module.init({ endpoint: '/leadbeacon' })).resolves.toBeUndefined();
  });

  it.each(MUST_NOT_APPEAR.filter((text) => text != 'sourceMappingURL'))('does not contain %j', (text) => {
    expect(esm).not.toContain(text);
  });
});
