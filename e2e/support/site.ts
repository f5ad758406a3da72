import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { pagesDir } from './fixtures.js';

const distDir = fileURLToPath(new URL('../../packages/browser/dist/', import.meta.url));

export interface Site {
  /** `http://127.0.0.1:<port>`: an origin of its own, apart from the endpoint's. */
  url: string;
  close(): Promise<void>;
}

/**
 * A plain website on its own origin serving the fixture pages, with the script tag's
 * data-endpoint pointing at `endpoint()` (another origin; read per request, so the endpoint may
 * start after the site). Any POST (a navigating form) lands on next.html, which loads the script.
 */
export async function startSite(endpoint: () => string): Promise<Site> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = async (file: string, type: string, edit = (text: string) => text) => {
      try {
        const body = edit(await readFile(file, 'utf8'));
        res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    };
    req.resume();
    // The script and the scripts it loads on demand, beside it.
    if (/^\/leadbeacon(-[a-z]+)?\.js$/.test(path)) return void send(distDir + path.slice(1), 'application/javascript');
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    const page = req.method === 'POST' ? 'next.html' : path.slice(1).replace(/[^\w.-]/g, '');
    void send(pagesDir + page, 'text/html; charset=utf-8', (html) => html.replace('data-endpoint="/leadbeacon"', `data-endpoint="${endpoint()}"`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
