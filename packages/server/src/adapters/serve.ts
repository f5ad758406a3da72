import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { isPageView, type HandleInput, type HandleResult } from '../intake/handle.js';
import { createDefaultLogger } from '../logger.js';
import { createMetrics } from '../metrics.js';
import type { LeadRouterOptions } from '../options.js';
import { readBody } from '../intake/read-body.js';
import { createLeadService, type LeadService } from '../service.js';

/** Options of the standalone server: the endpoint's own, plus where and how to listen. */
export interface ServeOptions extends LeadRouterOptions {
  /** @default process.env.PORT ?? 3000 */
  port?: number;
  /** @default all interfaces (Node's default); HOST to restrict */
  host?: string;
  /** Where the endpoint answers. @default '/leadbeacon' */
  path?: string;
  /** The browser script served at `/leadbeacon.js`; the scripts it loads on demand are served from beside it (`-debug.js`, `-forms.js`). @default @leadbeacon/browser's built script */
  scriptFile?: string;
  /**
   * The server-mode-only script served at `/leadbeacon.server.js`, for pages whose endpoint is this
   * server on their own site. @default @leadbeacon/browser's built one, unless `scriptFile` is given
   */
  serverScriptFile?: string;
  /** How long in-flight requests may take to finish after SIGTERM before connections are cut. @default 10_000 */
  shutdownTimeoutMs?: number;
  /** Serve Prometheus metrics at /metrics. @default true */
  metrics?: boolean;
  /**
   * How long a client may take to send a request's headers and body; past it the connection gets
   * a 408 and is closed. A beacon is at most 64 KiB, seconds even on a poor mobile link; Node's
   * own default (300 s) let one address hold connections open for minutes. @default 10_000
   */
  requestTimeoutMs?: number;
  /**
   * Connections open at once; past it new ones are closed on arrival. Keep it within the process's
   * file limit (`ulimit -n`) and memory. @default 10_000
   */
  maxConnections?: number;
  /** Serve a sample page with a contact form and the script at `/`, to try the endpoint (`leadbeacon sandbox`). @default false */
  samplePage?: boolean;
}

/** The limits the server holds its clients to, as applied. */
export interface ServerLimits {
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  maxConnections: number;
}

export interface StandaloneServer {
  readonly url: string;
  readonly service: LeadService;
  readonly limits: ServerLimits;
  /** Stops accepting connections, lets requests in flight finish, then closes the service. */
  close(): Promise<void>;
}

const DEFAULTS = { port: 3000, path: '/leadbeacon', shutdownTimeoutMs: 10_000, metrics: true, requestTimeoutMs: 10_000, maxConnections: 10_000, samplePage: false };

/** How often Node looks for requests past their deadline (its default, 30 s, would triple a 10 s one). */
const TIMEOUT_CHECK_MS = 1_000;

/** The endpoint as a server of its own (node:http, no framework), for sites without a Node app. */
export async function startServer(options: ServeOptions = {}): Promise<StandaloneServer> {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as ServeOptions;
  const { port, host, path, scriptFile, serverScriptFile, shutdownTimeoutMs, metrics: withMetrics, requestTimeoutMs, maxConnections, samplePage, ...endpoint } = { ...DEFAULTS, ...given };
  if (!(requestTimeoutMs > 0)) throw new TypeError(`Expected \`requestTimeoutMs\` to be a positive number, got ${requestTimeoutMs}`);
  if (!(Number.isInteger(maxConnections) && maxConnections > 0)) throw new TypeError(`Expected \`maxConnections\` to be a positive whole number, got ${maxConnections}`);
  // Headers and body share one deadline: Node requires headersTimeout ≤ requestTimeout.
  const limits: ServerLimits = { requestTimeoutMs, headersTimeoutMs: requestTimeoutMs, maxConnections };
  const logger = endpoint.logger ?? createDefaultLogger();
  const service = createLeadService({ ...endpoint, logger });
  const metrics = withMetrics ? createMetrics(service) : undefined;
  const script = await loadScript(scriptFile, 'leadbeacon.js');
  /** A script served beside leadbeacon.js: from beside a given scriptFile, else from the package; optional. */
  const beside = (suffix: string) => loadScript(scriptFile?.replace(/\.js$/, suffix), `leadbeacon${suffix}`).catch(() => undefined);
  const scripts: Record<string, { text: string; etag: string } | undefined> = {
    '/leadbeacon.js': script,
    // The server-mode-only build; a given scriptFile comes from elsewhere: that build only when named too.
    '/leadbeacon.server.js': serverScriptFile || !scriptFile ? await loadScript(serverScriptFile, 'leadbeacon.server.js') : undefined,
    // What the script loads from beside itself: the debug view (?leadbeacon_debug) and the forms
    // chunk (pages with a form builder, HubSpot or data-frame-origins: packages/browser/src/chunks.ts).
    '/leadbeacon-debug.js': await beside('-debug.js'),
    '/leadbeacon-forms.js': await beside('-forms.js'),
  };
  let closing = false;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Once shutting down, a kept-alive connection is closed after its answer instead of idling.
    res.once('close', () => closing && req.socket.destroySoon());
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname === path || pathname === `${path}/`) return send(res, await service.handle({ ...(await toInput(req)), pageView: isPageView(req.url ?? '') }));
    const inspector = `${path}/inspector`;
    if (service.inspect && (pathname === inspector || pathname.startsWith(`${inspector}/`))) {
      const query = (req.url ?? '').split('?')[1] ?? '';
      return send(res, await service.inspect({ method: req.method ?? 'GET', path: pathname.slice(inspector.length), query, headers: req.headers, ip: req.socket.remoteAddress ?? '' }));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, json(404, { error: 'not_found' }));
    const asked = Object.hasOwn(scripts, pathname) ? scripts[pathname] : undefined;
    if (asked) {
      if (req.headers['if-none-match'] === asked.etag) return send(res, { status: 304, headers: { etag: asked.etag }, body: '' });
      const headers = { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=300', etag: asked.etag };
      return send(res, { status: 200, headers, body: req.method === 'HEAD' ? '' : asked.text });
    }
    if (pathname === '/healthz') return send(res, json(200, { ok: true }));
    if (pathname === '/' && samplePage) return send(res, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body: renderSamplePage(path) });
    if (pathname === '/readyz') {
      if (closing) return send(res, json(503, { ok: false, reason: 'shutting_down' }));
      // ready() makes a real write, so a store that reads but cannot store a lead is not ready.
      return send(res, await service.ready().then((stats) => json(200, { ok: true, ...stats }), () => json(503, { ok: false, reason: 'store_unavailable' })));
    }
    if (pathname === '/metrics' && metrics) return send(res, { status: 200, headers: { 'content-type': metrics.contentType }, body: await metrics.render() });
    return send(res, json(404, { error: 'not_found' }));
  }

  const serverOptions = {
    requestTimeout: limits.requestTimeoutMs,
    headersTimeout: limits.headersTimeoutMs,
    connectionsCheckingInterval: Math.min(TIMEOUT_CHECK_MS, limits.requestTimeoutMs),
  };
  const server: Server = createServer(serverOptions, (req, res) => {
    route(req, res).catch((error: unknown) => {
      logger.error({ err: (error as Error)?.name }, 'request failed');
      if (!res.headersSent) send(res, json(500, { error: 'internal_error' }));
      else res.destroy();
    });
  });
  server.maxConnections = limits.maxConnections;
  server.listen(port, host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  logger.info({ url, path, ...limits }, 'leadbeacon listening');

  async function close(): Promise<void> {
    if (closing) return;
    closing = true;
    logger.info({}, 'leadbeacon shutting down');
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timer = setTimeout(() => server.closeAllConnections(), shutdownTimeoutMs);
    await closed;
    clearTimeout(timer);
    metrics?.close();
    await service.close();
  }

  return { url, service, limits, close };
}

/** The request as the core takes it; the body read by the shared 64 KiB reader. */
async function toInput(req: IncomingMessage): Promise<HandleInput> {
  const base = { method: req.method ?? 'GET', headers: req.headers, ip: req.socket.remoteAddress ?? '', selfOrigin: `http://${req.headers.host ?? ''}` };
  if (req.method !== 'POST') return { ...base, body: '' };
  // Drained rather than destroyed when the reader stops early, so the connection carries the answer.
  const read = await readBody(req.headers['content-encoding'], req.headers['content-length'], req.iterator({ destroyOnReturn: false }));
  if (read.bodyError) req.resume();
  return { ...base, ...read };
}

/** A page like a site's contact page: the script tag and a form, nothing else. */
function renderSamplePage(path: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Sample contact page · leadbeacon sandbox</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}label{display:block;margin:.6rem 0}input,textarea{display:block;width:100%;box-sizing:border-box;padding:.4rem;font:inherit}</style></head>
<body><h1>Contact us</h1><p>A sample page with the leadbeacon script. Send the form, then open <a href="${path}/inspector">the inspector</a>.</p>
<form id="contact"><label>Name <input name="name" autocomplete="name" required></label>
<label>Email <input name="email" type="email" autocomplete="email" required></label><label>Message <textarea name="message"></textarea></label>
<button>Send</button></form><p id="sent" hidden>Sent: see it in <a href="${path}/inspector">the inspector</a>.</p>
<script>document.getElementById('contact').addEventListener('submit', (e) => { e.preventDefault(); e.target.reset(); document.getElementById('sent').hidden = false; });</script>
<script src="/leadbeacon.js" data-endpoint="${path}" defer></script></body></html>
`;
}

function send(res: ServerResponse, out: HandleResult): void {
  res.writeHead(out.status, out.cookies?.length ? { ...out.headers, 'set-cookie': out.cookies } : out.headers).end(out.body);
}

function json(status: number, body: object): HandleResult {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body: JSON.stringify(body) };
}

async function loadScript(file: string | undefined, name: string): Promise<{ text: string; etag: string }> {
  let path = file;
  if (!path) {
    try {
      path = createRequire(import.meta.url).resolve(`@leadbeacon/browser/${name}`);
    } catch {
      throw new TypeError('Expected @leadbeacon/browser to be installed, or LEADBEACON_SCRIPT_FILE to name the browser script');
    }
  }
  const text = await readFile(path, 'utf8');
  return { text, etag: `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"` };
}
