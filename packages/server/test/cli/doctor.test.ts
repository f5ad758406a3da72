import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StandIn } from '@leadbeacon/stand-in';
import { run } from '../../src/cli/doctor.js';
import { startStandIn, tempDir } from '../support/setup.js';

describe('leadbeacon doctor', () => {
  let standIn: StandIn;
  let apiUrl: string;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    ({ standIn, apiUrl } = await startStandIn());
    tmp = await tempDir();
  });
  afterEach(async () => {
    await standIn.close();
    await tmp.remove();
  });

  async function doctor(env: Record<string, string>) {
    let stdout = '';
    const code = await run([], { stdout: (t) => (stdout += t), stderr: (t) => (stdout += t), env });
    return { code, stdout };
  }

  const goodEnv = () => ({
    LEADTRACKR_API_KEY: standIn.apiKey,
    LEADTRACKR_PROJECT_ID: 'proj-test',
    LEADTRACKR_API_URL: apiUrl,
    LEADBEACON_OUTBOX: `${tmp.dir}/outbox.db`,
    LEADBEACON_ALLOWED_ORIGINS: 'https://www.example.com',
  });

  it('passes a good configuration, and creates no lead', async () => {
    const { code, stdout } = await doctor(goodEnv());
    expect(stdout).toMatch(/^ok {4}API key accepted for project proj-test/m);
    expect(stdout).toMatch(/^ok {4}outbox writable/m);
    expect(stdout).toMatch(/^ok {4}allowed origins: https:\/\/www\.example\.com$/m);
    expect(stdout).toMatch(/^ok {4}clock within 60 s/m);
    expect(stdout).not.toMatch(/FAIL|warn/);
    expect(code).toBe(0);
    expect(standIn.leads).toHaveLength(0);
  });

  it('fails on an API key LeadTrackr refuses, and says how to fix it', async () => {
    const { code, stdout } = await doctor({ ...goodEnv(), LEADTRACKR_API_KEY: 'not-the-key' });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAIL {2}API key refused \(GET \/api\/leads\/getLeads → 401\)\n {6}fix: set LEADTRACKR_API_KEY/m);
    expect(stdout).not.toContain('not-the-key');
  });

  it('fails on a project LeadTrackr does not know', async () => {
    const { code, stdout } = await doctor({ ...goodEnv(), LEADTRACKR_PROJECT_ID: 'proj-typo' });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAIL {2}project proj-typo not found/m);
  });

  it('fails when LeadTrackr is unreachable', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const { code, stdout } = await doctor({ ...goodEnv(), LEADTRACKR_API_URL: `http://127.0.0.1:${port}` });
    expect(code).toBe(1);
    expect(stdout).toMatch(new RegExp(`^FAIL {2}LeadTrackr unreachable at http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`, 'm'));
  });

  it('fails on an outbox it cannot write', async () => {
    const { code, stdout } = await doctor({ ...goodEnv(), LEADBEACON_OUTBOX: '/dev/null/outbox.db' });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAIL {2}outbox not writable \(\/dev\/null\/outbox\.db\)/m);
  });

  it('fails on a configuration the server would refuse, naming the variable', async () => {
    const { code, stdout } = await doctor({ LEADTRACKR_PROJECT_ID: 'proj-test' });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAIL {2}configuration: Expected `apiKey` \(or LEADTRACKR_API_KEY\)/m);
  });

  it('warns, without failing, about no allowed origins and plain-http ones', async () => {
    const none = await doctor({ ...goodEnv(), LEADBEACON_ALLOWED_ORIGINS: '' });
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/^warn {2}allowed origins: none set/m);
    const http = await doctor({ ...goodEnv(), LEADBEACON_ALLOWED_ORIGINS: 'http://www.example.com,http://localhost:3000' });
    expect(http.stdout.match(/^warn {2}allowed origin .* is plain http$/gm)).toEqual(['warn  allowed origin http://www.example.com is plain http']);
  });

  it("warns when this clock is off LeadTrackr's Date header", async () => {
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { date: new Date(Date.now() - 5 * 60_000).toUTCString(), 'content-type': 'application/json' });
      res.end('{"leads":[]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { code, stdout } = await doctor({ ...goodEnv(), LEADTRACKR_API_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
      expect(code).toBe(0);
      expect(stdout).toMatch(/^warn {2}this clock is 3\d\d s ahead of LeadTrackr's\n {6}fix: run an NTP client/m);
    } finally {
      server.close();
    }
  });
});
