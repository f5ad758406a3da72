import { afterEach, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../src/app.js';

const noop = () => {};
let demo: Demo | undefined;
afterEach(() => demo?.close());

describe('the demo', () => {
  it('serves the landing page, the script and the lead inspector, and sends the first sandbox link there', async () => {
    demo = await startDemo({ env: {}, outbox: 'memory', logger: { debug: noop, info: noop, warn: noop, error: noop } });
    const landing = await (await fetch(`${demo.url}/`)).text();
    expect(landing).toContain('data-endpoint="/leadbeacon"');
    expect((await fetch(`${demo.url}/leadbeacon.js`)).status).toBe(200);
    const old = await fetch(`${demo.url}/sandbox`, { redirect: 'manual' });
    expect([old.status, old.headers.get('location')]).toEqual([301, '/leadbeacon/inspector']);
    expect(await (await fetch(`${demo.url}/leadbeacon/inspector`)).text()).toContain('<title>Leads · leadbeacon inspector</title>');
    expect(await (await fetch(`${demo.url}/leadbeacon/inspector/leads.json`)).json()).toMatchObject({ leads: [] });
  });
});
