import { createStandIn, type StandIn } from '@leadbeacon/stand-in';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beacon, exec, installApp, leadsArrived, ORIGIN, postBeacon, start, type App } from './support/apps.js';

describe('Hono on Node with the fetch handler, installed from the tarballs (no Express)', () => {
  let standIn: StandIn;
  let apiUrl: string;
  let app: App;
  beforeAll(async () => {
    standIn = createStandIn({ projectId: 'proj-consumer' });
    apiUrl = await standIn.listen();
    app = await installApp('hono', ['server']);
  });
  afterAll(async () => {
    await standIn.close();
    await app?.remove();
  });

  it('has no Express installed', () => {
    expect(existsSync(join(app.dir, 'node_modules', 'express'))).toBe(false);
  });

  it('type-checks under nodenext without @types/express or skipLibCheck, and builds', async () => {
    await exec(join(app.dir, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], app.dir);
  });

  it('delivers a lead to the stand-in with the socket address as the visitor IP', async () => {
    const server = await start(process.execPath, ['dist/server.js'], app.dir, {
      LEADTRACKR_API_KEY: standIn.apiKey,
      LEADTRACKR_PROJECT_ID: 'proj-consumer',
      LEADTRACKR_API_URL: apiUrl,
      LEADBEACON_ALLOWED_ORIGINS: ORIGIN,
      LEADBEACON_OUTBOX: `${app.dir}/outbox.db`,
    }, /listening on (http:\/\/\S+)/);
    try {
      expect((await postBeacon(`${server.url}/leadbeacon`, beacon('hono@example.com'))).status).toBe(202);
      const [lead] = await leadsArrived(standIn, 1);
      expect(lead).toMatchObject({ userData: { email: 'hono@example.com' }, deviceData: { ipAddress: '127.0.0.1' } });
    } finally {
      await server.stop();
    }
  });
});
