import { createStandIn, type StandIn } from '@leadbeacon/stand-in';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beacon, exec, installApp, leadsArrived, ORIGIN, postBeacon, start, type App, type Running } from './support/apps.js';

let standIn: StandIn;
let apiUrl: string;
beforeAll(async () => {
  standIn = createStandIn({ projectId: 'proj-consumer' });
  apiUrl = await standIn.listen();
});
afterAll(() => standIn.close());

const serveEnv = (app: App, origins: string) => ({
  LEADTRACKR_API_KEY: standIn.apiKey,
  LEADTRACKR_PROJECT_ID: 'proj-consumer',
  LEADTRACKR_API_URL: apiUrl,
  LEADBEACON_ALLOWED_ORIGINS: origins,
  LEADBEACON_OUTBOX: `${app.dir}/outbox.db`,
  PORT: '0',
  HOST: '127.0.0.1',
});
const LISTENING = /"url":"(http:\/\/[^"]+)"|listening[^\n]*?(http:\/\/[\d.:]+)/;

describe('npx @leadbeacon/server, installed from the tarball', () => {
  let app: App;
  beforeAll(async () => {
    app = await installApp('serve', ['server']);
  });
  afterAll(() => app?.remove());

  it('prints its version (npx @leadbeacon/server --version)', async () => {
    expect((await exec('npx', ['@leadbeacon/server', '--version'], app.dir)).trim()).toBe('0.1.0');
  });

  it('serves the endpoint and the script (npx @leadbeacon/server serve), delivering a lead', async () => {
    const server = await start('npx', ['@leadbeacon/server', 'serve'], app.dir, serveEnv(app, ORIGIN), LISTENING);
    try {
      const url = server.url || /(http:\/\/[\d.:]+)/.exec(server.output())![1]!;
      expect((await fetch(`${url}/leadbeacon.js`)).status).toBe(200);
      expect((await postBeacon(`${url}/leadbeacon`, beacon('serve@example.com'))).status).toBe(202);
      const leads = await leadsArrived(standIn, standIn.leads.length + 1);
      expect(leads.at(-1)).toMatchObject({ userData: { email: 'serve@example.com' } });
    } finally {
      await server.stop();
    }
  });
});

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

/** A static server for the built Vite app. */
async function serveStatic(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req, res) => {
    if (req.url === '/favicon.ico') return void res.writeHead(204).end();
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    try {
      const body = await readFile(join(root, path));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('a Vite app that imports @leadbeacon/browser and calls init(), installed from the tarball', () => {
  let serveApp: App;
  let viteApp: App;
  let endpoint: Running;
  let site: { server: Server; url: string };
  beforeAll(async () => {
    [serveApp, viteApp] = [await installApp('serve', ['server']), await installApp('vite', ['browser'])];
  });
  afterAll(async () => {
    await endpoint?.stop();
    site?.server.close();
    await serveApp?.remove();
    await viteApp?.remove();
  });

  it('imports in Node without a window (server rendering), and init() is a no-op there', async () => {
    const output = await exec(process.execPath, ['--input-type', 'module', '-e', "const { init } = await import('@leadbeacon/browser'); await init({ endpoint: '/leadbeacon' }); console.log(typeof init)"], viteApp.dir);
    expect(output.trim()).toBe('function');
  });

  it('sends a lead from a form in Chromium', async () => {
    // The site's origin must be known to the endpoint before it starts: take the port first.
    site = await serveStatic(join(viteApp.dir, 'dist'));
    endpoint = await start('npx', ['@leadbeacon/server', 'serve'], serveApp.dir, serveEnv(serveApp, site.url), LISTENING);
    const url = endpoint.url || /(http:\/\/[\d.:]+)/.exec(endpoint.output())![1]!;
    await exec(join(viteApp.dir, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], viteApp.dir, { VITE_LEADBEACON_ENDPOINT: `${url}/leadbeacon` });

    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      await page.goto(`${site.url}/?gclid=vite-gclid-1`);
      await page.waitForSelector('body[data-leadbeacon="ready"]');
      // The endpoint drops a submit sooner than 1.5 s after page load as a bot's.
      await page.waitForTimeout(1_600);
      const before = standIn.leads.length;
      await page.click('button');
      const leads = await leadsArrived(standIn, before + 1);
      expect(leads.at(-1)).toMatchObject({ userData: { email: 'jane.vite@example.com' }, attributionData: { gclid: 'vite-gclid-1' } });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
