import type { StandIn } from '@leadbeacon/stand-in';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteOutbox } from '../../src/delivery/outbox/sqlite.js';
import { leadsDelivered, startStandIn, tempDir, validBeacon } from '../support/setup.js';

// The bin as it ships: `pnpm test` builds before the unit tests run.
const CLI = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));
const ORIGIN = 'https://www.site.example';

let standIn: StandIn;
let apiUrl: string;
let child: ChildProcess | undefined;
let tmp: Awaited<ReturnType<typeof tempDir>>;

beforeEach(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`pnpm build\` first`);
  ({ standIn, apiUrl } = await startStandIn());
  tmp = await tempDir();
});
afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await standIn.close();
  await tmp.remove();
});

/** Starts `leadbeacon serve` on a free port; resolves once its log says where it listens. */
async function serve(env: Record<string, string>) {
  const output: string[] = [];
  child = spawn(process.execPath, [CLI, 'serve'], {
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', LEADTRACKR_API_KEY: standIn.apiKey, LEADTRACKR_PROJECT_ID: 'proj-test', LEADTRACKR_API_URL: apiUrl, LEADBEACON_ALLOWED_ORIGINS: ORIGIN, LEADBEACON_OUTBOX: `${tmp.dir}/outbox.db`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child!.stdout!.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /"url":"(http:[^"]+)"/.exec(output.join(''));
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`exited with ${code}: ${output.join('')}`)));
  });
  return { url, exited, output };
}

const post = (url: string, beacon: object) =>
  fetch(`${url}/leadbeacon`, { method: 'POST', body: JSON.stringify(beacon), headers: { origin: ORIGIN, 'content-type': 'text/plain' } });

// Each test starts a Node process; on a busy 2-core machine that alone can take seconds.
describe('leadbeacon serve', { timeout: 20_000 }, () => {
  it('runs from environment configuration and logs neither the key nor personal data', async () => {
    const { url, exited, output } = await serve({});
    expect((await post(url, validBeacon)).status).toBe(202);
    const [lead] = await leadsDelivered(standIn, 1);
    expect(lead?.projectId).toBe('proj-test');
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    const log = output.join('');
    expect(log).toContain('lead accepted');
    expect(log).not.toContain(standIn.apiKey);
    expect(log).not.toContain(validBeacon.userData.email);
  });

  it('exits 0 on SIGTERM within its deadline while a delivery hangs, keeping the lead in the outbox', async () => {
    const { url, exited } = await serve({ LEADTRACKR_TIMEOUT_MS: '5000', LEADBEACON_SHUTDOWN_TIMEOUT_MS: '500' });
    standIn.fail({ kind: 'hang' });
    expect((await post(url, validBeacon)).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 300));
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    // Not confirmed by LeadTrackr, so still pending: the next start (or another instance) sends it.
    const outbox = createSqliteOutbox({ path: `${tmp.dir}/outbox.db` });
    expect(await outbox.stats(Date.now())).toMatchObject({ pending: 1, dead: 0 });
    await outbox.close();
  });

  it('exits 1 with the option error when configuration is missing', async () => {
    await expect(serve({ LEADTRACKR_API_KEY: '' })).rejects.toThrow(/exited with 1.*Expected `apiKey`/s);
  });

  it('lists its commands and exits 1 for an unknown one', async () => {
    const proc = spawn(process.execPath, [CLI, 'nonsense'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => proc.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/Unknown command "nonsense"[\s\S]*serve/);
  });

  it.each(['--version', '-v'])('prints the package version for %s and exits 0', (flag) => {
    const proc = spawnSync(process.execPath, [CLI, flag], { encoding: 'utf8' });
    expect(proc.status).toBe(0);
    expect(proc.stdout).toBe(`${createRequire(import.meta.url)('../../package.json').version}\n`);
  });

  it('escapes control characters in everything it prints', async () => {
    const proc = spawn(process.execPath, [CLI, 'outbox', 'bad\x1b[2J\x9b1m'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await new Promise((resolve) => proc.once('exit', resolve))).toBe(2);
    expect(stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
  });
});
