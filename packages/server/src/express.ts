import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { normalizeIp } from './client-ip.js';
import type { LeadEvents } from './events.js';
import type { LeadRouterOptions } from './options.js';
import { createLeadService } from './service.js';

/** Beacons are small; 64 KiB is also the browser's keepalive budget, so nothing larger is legitimate. */
const BODY_LIMIT = '64kb';

export type LeadRouter = Router & { readonly events: LeadEvents; close(): Promise<void> };

/** The Express adapter: parse the body if the host app has not, run the core, apply its answer. */
export function createLeadRouter(options: LeadRouterOptions = {}): LeadRouter {
  const service = createLeadService(options);
  const router = express.Router() as Router & { events: LeadEvents; close(): Promise<void> };

  router.all('/', express.text({ type: () => true, limit: BODY_LIMIT }), (req: Request, res: Response, next: NextFunction) => {
    service.handle({
      method: req.method,
      headers: req.headers,
      body: req.body,
      ip: normalizeIp(req.socket.remoteAddress ?? ''),
      selfOrigin: `${req.protocol}://${req.get('host') ?? ''}`,
    }).then((out) => {
      res.status(out.status).set(out.headers).send(out.body);
    }, next);
  });

  // body-parser's own errors become JSON answers instead of the host app's HTML error page.
  router.use((err: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    const known: Record<string, [number, string]> = {
      'entity.too.large': [413, 'The body is larger than 64 KiB'],
      'encoding.unsupported': [415, 'Unsupported content encoding'],
      'charset.unsupported': [415, 'Unsupported charset'],
      'request.aborted': [400, 'The request was aborted'],
    };
    const hit = err.type ? known[err.type] : undefined;
    if (!hit) return next(err);
    res.status(hit[0]).json({ error: err.type, message: hit[1] });
  });

  router.events = service.events;
  router.close = () => service.close();
  return router;
}
