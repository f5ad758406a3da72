import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { LeadEvents } from '../events.js';
import { MAX_BODY_BYTES, type HandleInput } from '../intake/handle.js';
import type { LeadRouterOptions } from '../options.js';
import { createLeadService, type DeliveryStats } from '../service.js';

export type LeadRouter = Router & {
  readonly events: LeadEvents;
  /** What is waiting for delivery; for metrics (`createMetrics(router)`) and health checks. */
  stats(): Promise<DeliveryStats>;
  /** For readiness checks: the stats once a write probe succeeded; rejects when a lead could not be stored now. */
  ready(): Promise<DeliveryStats>;
  close(): Promise<void>;
};

/** body-parser's read errors, handed to the core so they are answered (and counted) like any rejection. */
const BODY_ERRORS: Record<string, HandleInput['bodyError']> = {
  'entity.too.large': 'too_large',
  'encoding.unsupported': 'unsupported_encoding',
  'charset.unsupported': 'unsupported_encoding',
  'request.aborted': 'aborted',
  'request.size.invalid': 'aborted',
};

/**
 * The Express adapter: read the body unless the host app already did (express.json(),
 * express.text() … leave `req.body` set and the stream consumed), run the core, apply its answer.
 */
export function createLeadRouter(options: LeadRouterOptions = {}): LeadRouter {
  const service = createLeadService(options);
  const router = express.Router() as Router & Partial<LeadRouter>;

  const run = (req: Request, res: Response, next: NextFunction, bodyError?: HandleInput['bodyError']) => {
    service
      .handle({
        method: req.method,
        headers: req.headers,
        body: req.body,
        ip: req.socket.remoteAddress ?? '',
        selfOrigin: `${req.protocol}://${req.get('host') ?? ''}`,
        ...(bodyError ? { bodyError } : {}),
      })
      .then((out) => {
        res.status(out.status).set(out.headers).send(out.body);
      }, next);
  };

  const inspect = service.inspect;
  if (inspect) {
    router.get(['/inspector', '/inspector/', '/inspector/leads.json'], (req: Request, res: Response, next: NextFunction) => {
      const query = req.originalUrl.split('?')[1] ?? '';
      inspect({ method: req.method, path: req.path.slice('/inspector'.length), query, headers: req.headers, ip: req.socket.remoteAddress ?? '' }).then((out) => {
        res.status(out.status).set(out.headers).send(out.body);
      }, next);
    });
  }
  router.all('/', express.text({ type: () => true, limit: MAX_BODY_BYTES }), (req: Request, res: Response, next: NextFunction) => run(req, res, next));
  router.use((err: { type?: string }, req: Request, res: Response, next: NextFunction) => {
    const bodyError = err.type ? BODY_ERRORS[err.type] : undefined;
    if (!bodyError) return next(err);
    run(req, res, next, bodyError);
  });

  Object.assign(router, { events: service.events, stats: () => service.stats(), ready: () => service.ready(), close: () => service.close() });
  return router as LeadRouter;
}
