import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { validBeacon } from '../support/setup.js';

// The bin as it ships: `pnpm test` builds before the unit tests run.
const CLI = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `leadbeacon sandbox` with no LeadTrackr variables at all; resolves with what it printed once it is ready. */
async function sandbox(args: string[]): Promise<string> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`pnpm build\` first`);
  child = spawn(process.execPath, [CLI, 'sandbox', ...args], { env: { PATH: process.env.PATH, LEADBEACON_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk));
  return new Promise((resolve, reject) => {
    child!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      if (out.includes('Stop with Ctrl-C')) resolve(out);
    });
    child!.once('exit', (code) => reject(new Error(`sandbox exited ${code}: ${out}`)));
  });
}

// Each test starts a Node process: generous for a loaded machine.
describe('leadbeacon sandbox', { timeout: 30_000 }, () => {
  it('needs no credentials, prints the tag to paste, and shows a lead from an allowed origin in the inspector', async () => {
    const port = await freePort();
    const printed = await sandbox(['--port', String(port), '--origin', 'https://www.my-site.example']);
    const base = `http://localhost:${port}`;
    expect(printed).toContain(`<script src="${base}/leadbeacon.js" data-endpoint="${base}/leadbeacon" defer></script>`);
    expect(printed).toContain(`${base}/leadbeacon/inspector`);

    expect((await fetch(`${base}/leadbeacon.js`)).status).toBe(200);
    expect(await (await fetch(`${base}/`)).text()).toContain('<script src="/leadbeacon.js" data-endpoint="/leadbeacon" defer></script>');
    const lead = { ...validBeacon, pageMs: 5_000 };
    const res = await fetch(`${base}/leadbeacon`, { method: 'POST', body: JSON.stringify(lead), headers: { origin: 'https://www.my-site.example', 'content-type': 'text/plain' } });
    expect(res.status).toBe(202);
    await expect
      .poll(async () => ((await (await fetch(`${base}/leadbeacon/inspector/leads.json`)).json()) as { leads: { delivery: { status: string } | null }[] }).leads[0]?.delivery?.status)
      .toBe('delivered');

    const refused = await fetch(`${base}/leadbeacon`, { method: 'POST', body: JSON.stringify(lead), headers: { origin: 'https://not-allowed.example', 'content-type': 'text/plain' } });
    expect(refused.status).toBe(403);
  });

  it('refuses an origin that is not one, before starting', async () => {
    await expect(sandbox(['--origin', 'www.my-site.example/path'])).rejects.toThrow(/sandbox exited 2: .*Expected `allowedOrigins` to hold origins/s);
  });
});
