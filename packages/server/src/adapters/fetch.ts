import { createHash, timingSafeEqual } from 'node:crypto';
import { createLeadEvents, type LeadEvents } from '../events.js';
import type { LeadRouterOptions } from '../options.js';
import { isPageView } from '../intake/handle.js';
import { readBody } from '../intake/read-body.js';
import { createLeadService, type DeliveryStats, type LeadService } from '../service.js';

/** What the fetch API does not say about a request: the connection's peer address. */
export interface FetchRequestInfo {
  /**
   * The socket's remote address, from the server (Hono: `getConnInfo(c).remote.address`, Bun:
   * `server.requestIP(req)?.address`, Deno: `info.remoteAddr.hostname`). Left out, the IP is empty
   * unless `trustProxy` lets X-Forwarded-For supply it (Next.js behind its platform's proxy).
   */
  clientAddress?: string | undefined;
}

/** Options of `createFetchHandler`: the endpoint's, plus the cron job's `drain`. */
export interface FetchHandlerOptions extends LeadRouterOptions {
  /**
   * The bearer token `drain` requires (`Authorization: Bearer <secret>`, what Vercel Cron sends).
   * Without one, `drain` answers 403.
   * @default process.env.LEADBEACON_DRAIN_SECRET ?? process.env.CRON_SECRET
   */
  drainSecret?: string;
  /** How long one `drain` call may deliver; keep it under the platform's function time limit. @default 25_000 */
  drainBudgetMs?: number;
}

export type FetchHandler = ((request: Request, info?: FetchRequestInfo) => Promise<Response>) & {
  readonly events: LeadEvents;
  /**
   * For a cron job (GET or POST with the drain secret as bearer token): delivers what is due within
   * `drainBudgetMs` and answers 200 with `{delivered, retried, deadLettered, pending, dead, oldestPendingAgeMs}`.
   */
  drain(request: Request): Promise<Response>;
  stats(): Promise<DeliveryStats>;
  /** For readiness checks: the stats once a write probe succeeded; rejects when a lead could not be stored now. */
  ready(): Promise<DeliveryStats>;
  close(): Promise<void>;
};

/**
 * The fetch adapter (Request → Response) for Next.js route handlers, Hono, Bun, Deno and any
 * fetch-based server. It reads the body itself, so it enforces the 64 KiB limit while reading.
 *
 * Creating it opens nothing and reads no option: the endpoint is set up on the first call, so a
 * route module may create it at import time even where the build evaluates modules without the
 * secrets (`next build`). A bad option is thrown from that first call.
 */
export function createFetchHandler(options: FetchHandlerOptions = {}): FetchHandler {
  const events = createLeadEvents();
  let service: LeadService | undefined;
  const open = () => (service ??= createLeadService(options, undefined, events));

  async function handler(request: Request, info: FetchRequestInfo = {}): Promise<Response> {
    const endpoint = open();
    // Leaving the stream's iteration early (over 64 KiB) cancels it.
    const read = request.method === 'POST' ? await readBody(request.headers.get('content-encoding'), request.headers.get('content-length'), request.body) : { body: '' };
    const out = await endpoint.handle({
      method: request.method,
      headers: Object.fromEntries(request.headers),
      ip: info.clientAddress ?? '',
      selfOrigin: new URL(request.url).origin,
      pageView: isPageView(request.url),
      ...read,
    });
    const headers = new Headers(out.headers);
    for (const cookie of out.cookies ?? []) headers.append('set-cookie', cookie);
    return new Response(out.status === 204 ? null : out.body, { status: out.status, headers });
  }

  async function drain(request: Request): Promise<Response> {
    const secret = options.drainSecret ?? process.env.LEADBEACON_DRAIN_SECRET ?? process.env.CRON_SECRET ?? '';
    if (request.method !== 'GET' && request.method !== 'POST') return Response.json({ error: 'method not allowed' }, { status: 405, headers: { allow: 'GET, POST' } });
    if (!secret) return Response.json({ error: 'drain needs a secret: set LEADBEACON_DRAIN_SECRET (or CRON_SECRET)' }, { status: 403 });
    if (!sameSecret(request.headers.get('authorization') ?? '', `Bearer ${secret}`)) return Response.json({ error: 'unauthorized' }, { status: 401 });
    const endpoint = open();
    const done = await endpoint.drain(options.drainBudgetMs ?? 25_000);
    const stats = await endpoint.stats().catch(() => undefined);
    return Response.json({ ...done, ...stats }, { headers: { 'cache-control': 'no-store' } });
  }

  return Object.assign(handler, {
    events,
    drain,
    stats: () => open().stats(),
    ready: () => open().ready(),
    close: async () => service?.close(),
  });
}

/** Compares in constant time (hashes first, as timingSafeEqual needs equal lengths). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
