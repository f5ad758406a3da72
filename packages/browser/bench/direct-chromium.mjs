// What page-cost-direct.mjs and page-cost-server.mjs share: Chromium started directly, headless,
// with nothing attached (Playwright's DevTools connection slows the blocking cookie read about
// three times), on pages that time their inlined script and report the figure themselves.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

export const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Set-Cookie headers that delete every cookie the request carried, on the site's domain and host-only. */
export const clearing = (header = '') =>
  header
    .split('; ')
    .filter(Boolean)
    .flatMap((pair) => {
      const name = pair.split('=')[0];
      return [`${name}=; Max-Age=0; Path=/; Domain=shop.example`, `${name}=; Max-Age=0; Path=/`];
    });

/**
 * One view: `code` inlined between two performance.now() marks; on load (after `delayMs`) the page
 * posts the difference to /report and goes where the answer says. A unique trailing comment per
 * view, so V8's compilation cache never serves an earlier load's code.
 */
export const benchPage = (code, step, { attrs = '', delayMs = '' } = {}) => `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>bench</title>
<script>window.t0 = performance.now()</script>
<script data-endpoint="/leadbeacon" ${attrs}>${code}/*${step}*/</script>
<script>window.t1 = performance.now()</script>
</head><body><form><input name="email"></form>
<script>addEventListener('load', () => setTimeout(async () => {
  const next = await (await fetch('/report', { method: 'POST', body: String(t1 - t0) })).text();
  if (next) location.replace(next);
}${delayMs === '' ? '' : `, ${delayMs}`}))</script></body></html>`;

/** The sample at quantile `q` of the sorted `times`. */
export const quantile = (times, q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];

/**
 * Serves `server` on www.shop.example (mapped to 127.0.0.1), opens `path` in Chromium, and waits
 * until `finished` resolves or 15 minutes pass (`stop` ends the wait); then stops both and removes
 * the profile. Resolves to the load average when the run started.
 */
export async function runInChromium({ name, server, path, finished, stop }) {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://www.shop.example:${server.address().port}`;
  const profile = mkdtempSync(join(tmpdir(), `leadbeacon-${name}-`));
  const chromium = spawn(
    executablePath,
    [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--user-data-dir=${profile}`, '--host-resolver-rules=MAP *.shop.example 127.0.0.1', `${origin}${path}`,
    ],
    { stdio: 'ignore' },
  );
  const load = loadavg();
  const timeout = setTimeout(stop, 15 * 60_000);
  await finished;
  clearTimeout(timeout);
  chromium.kill();
  await new Promise((resolve) => chromium.once('exit', resolve));
  server.close();
  // Chromium's helper processes may still write to the profile for a moment after it exits.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  try {
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
  } catch {
    console.error(`${name}: could not remove ${profile}`);
  }
  return load;
}
