import type { LeadEvents } from '../events.js';
import type { LeadRouterOptions } from '../options.js';
import { isPageView } from '../intake/handle.js';
import { readBody } from '../intake/read-body.js';
import { createLeadService, type DeliveryStats } from '../service.js';

/** What the fetch API does not say about a request: the connection's peer address. */
export interface FetchRequestInfo {
  /**
   * The socket's remote address, from the server (Hono: `getConnInfo(c).remote.address`, Bun:
   * `server.requestIP(req)?.address`, Deno: `info.remoteAddr.hostname`). Left out, the IP is empty
   * unless `trustProxy` lets X-Forwarded-For supply it (Next.js behind its platform's proxy).
   */
  clientAddress?: string | undefined;
}

export type FetchHandler = ((request: Request, info?: FetchRequestInfo) => Promise<Response>) & {
  readonly events: LeadEvents;
  stats(): Promise<DeliveryStats>;
  /** For readiness checks: the stats once a write probe succeeded; rejects when a lead could not be stored now. */
  ready(): Promise<DeliveryStats>;
  close(): Promise<void>;
};

/**
 * The fetch adapter (Request → Response) for Next.js route handlers, Hono, Bun, Deno and any
 * fetch-based server. It reads the body itself, so it enforces the 64 KiB limit while reading.
 */
export function createFetchHandler(options: LeadRouterOptions = {}): FetchHandler {
  const service = createLeadService(options);

  async function handler(request: Request, info: FetchRequestInfo = {}): Promise<Response> {
    // Leaving the stream's iteration early (over 64 KiB) cancels it.
    const read = request.method === 'POST' ? await readBody(request.headers.get('content-encoding'), request.headers.get('content-length'), request.body) : { body: '' };
    const out = await service.handle({
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

  return Object.assign(handler, { events: service.events, stats: () => service.stats(), ready: () => service.ready(), close: () => service.close() });
}
