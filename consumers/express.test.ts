import { createStandIn, type StandIn } from '@leadbeacon/stand-in';
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beacon, exec, installApp, leadsArrived, ORIGIN, postBeacon, start, type App } from './support/apps.js';

let standIn: StandIn;
let apiUrl: string;
beforeAll(async () => {
  standIn = createStandIn({ projectId: 'proj-consumer' });
  apiUrl = await standIn.listen();
});
afterAll(() => standIn.close());

const env = (app: App) => ({
  LEADTRACKR_API_KEY: standIn.apiKey,
  LEADTRACKR_PROJECT_ID: 'proj-consumer',
  LEADTRACKR_API_URL: apiUrl,
  LEADBEACON_ALLOWED_ORIGINS: ORIGIN,
  LEADBEACON_OUTBOX: `${app.dir}/outbox.db`,
});

describe.each([
  { name: 'express5-esm', title: 'Express 5 in ES modules (import)' },
  { name: 'express4-cjs', title: 'Express 4 in CommonJS (require)' },
])('$title, installed from the tarballs', ({ name }) => {
  let app: App;
  beforeAll(async () => {
    app = await installApp(name, ['server']);
  });
  afterAll(() => app?.remove());

  it('delivers a lead to the stand-in', async () => {
    const server = await start(process.execPath, ['server.js'], app.dir, env(app), /listening on (http:\/\/\S+)/);
    try {
      const lead = beacon(`${name}@example.com`);
      const res = await postBeacon(`${server.url}/leadbeacon`, lead);
      expect(res.status).toBe(202);
      const leads = await leadsArrived(standIn, standIn.leads.length + 1);
      expect(leads.at(-1)).toMatchObject({ projectId: 'proj-consumer', userData: { email: `${name}@example.com` } });
    } finally {
      await server.stop();
    }
  });

  it('imports @leadbeacon/server with no side effect: no file, no output, no configuration needed', async () => {
    const before = await readdir(app.dir);
    const loader = name === 'express4-cjs' ? "require('@leadbeacon/server'); require('@leadbeacon/server/express')" : "await import('@leadbeacon/server'); await import('@leadbeacon/server/express')";
    const output = await exec(process.execPath, ['--input-type', name === 'express4-cjs' ? 'commonjs' : 'module', '-e', loader], app.dir, { LEADTRACKR_API_KEY: '', LEADBEACON_OUTBOX: '' });
    expect(output).toBe('');
    expect(await readdir(app.dir)).toEqual(before);
  });
});
