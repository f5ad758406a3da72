/**
 * The demo: a landing page with the script tag, the router at /leadbeacon with its lead inspector
 * at /leadbeacon/inspector, and, unless real LeadTrackr credentials are set, a local stand-in.
 */
import { createMemoryOutbox, type Logger } from '@leadbeacon/server';
import { createLeadRouter, type LeadRouter } from '@leadbeacon/server/express';
import { createStandIn, type StandIn } from '@leadbeacon/stand-in';
import express from 'express';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface DemoOptions {
  /** @default 0 (a free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Where LEADTRACKR_* and LEADBEACON_* come from. @default process.env */
  env?: Record<string, string | undefined>;
  logger?: Logger;
  /**
   * The outbox: a SQLite file path, a `postgres://` URL, or `memory` (tests).
   * @default env.LEADBEACON_OUTBOX ?? '.leadbeacon/demo.db' (gitignored)
   */
  outbox?: string;
  /** Origins other than the demo's own that may send beacons (a site on another origin). @default [] */
  allowedOrigins?: string[];
  /** A directory of extra pages served beside the landing page (the e2e fixtures). @default none */
  pagesDir?: string;
  /** The endpoint's minimum time on page before a lead counts as human. @default the router's (1500 ms) */
  minPageMs?: number;
}

export interface Demo {
  url: string;
  /** The stand-in, when no real credentials were set. */
  standIn: StandIn | undefined;
  close(): Promise<void>;
}

const publicDir = fileURLToPath(new URL('../public/', import.meta.url));
const scriptPath = createRequire(import.meta.url).resolve('@leadbeacon/browser/leadbeacon.js');

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const env = options.env ?? process.env;
  const real = Boolean(env.LEADTRACKR_API_KEY && env.LEADTRACKR_PROJECT_ID);
  let standIn: StandIn | undefined;
  let apiUrl = env.LEADTRACKR_API_URL;
  if (!real) {
    standIn = createStandIn({ projectId: 'demo-project' });
    apiUrl = await standIn.listen();
  }

  const router: LeadRouter = createLeadRouter({
    apiKey: standIn?.apiKey ?? env.LEADTRACKR_API_KEY!,
    projectId: standIn ? 'demo-project' : env.LEADTRACKR_PROJECT_ID!,
    ...(apiUrl ? { apiUrl } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.outbox === 'memory' ? { outbox: createMemoryOutbox() } : { outboxPath: options.outbox ?? (env.LEADBEACON_OUTBOX || '.leadbeacon/demo.db') }),
    ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
    ...(options.minPageMs === undefined ? {} : { minPageMs: options.minPageMs }),
    // The inspector shows personal data: this machine only, as in `leadbeacon sandbox`.
    inspector: 'local',
  });

  const app = express();
  app.disable('x-powered-by');
  app.use('/leadbeacon', router);
  // The script, the scripts it loads from beside itself when a page needs them (the forms chunk,
  // the debug view: packages/browser/src/chunks.ts), and the server-mode-only build.
  app.get(/^\/leadbeacon(-forms|-debug|\.server)?\.js$/, (req, res) => {
    res.type('application/javascript').set('cache-control', 'no-cache').sendFile(join(dirname(scriptPath), req.path.slice(1)));
  });
  // The first demo's page of received leads; the inspector shows them now, with their delivery.
  app.get('/sandbox', (_req, res) => res.redirect(301, '/leadbeacon/inspector'));
  // The contact form posts here natively, so the page navigates away as on a real site.
  app.post('/thank-you', (_req, res) => res.sendFile('thank-you.html', { root: publicDir }));
  app.use(express.static(publicDir, { extensions: ['html'] }));
  if (options.pagesDir) app.use(express.static(options.pagesDir, { extensions: ['html'] }));

  const server: Server = app.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${options.host === '0.0.0.0' ? 'localhost' : (options.host ?? '127.0.0.1')}:${port}`,
    standIn,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await router.close();
      await standIn?.close();
    },
  };
}
