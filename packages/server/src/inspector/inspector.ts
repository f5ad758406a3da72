import { timingSafeEqual } from 'node:crypto';
import type { HandleResult } from '../intake/handle.js';
import type { Outbox, OutboxRow, OutboxStatus } from '../delivery/outbox/outbox.js';
import type { RecentLeads } from './recent.js';
import { INSPECTOR_CSP, INSPECTOR_PAGE } from './page.js';

/**
 * Who may open the inspector, which shows personal data: holders of a token (`Authorization:
 * Bearer …` or `?token=…`), or `'local'`: requests from this machine's loopback that no proxy
 * forwarded (the demo and `leadbeacon sandbox`).
 */
export type InspectorAccess = { token: string } | 'local';

export interface InspectorRequest {
  method: string;
  /** The path below the inspector's mount point: `''`, `/` or `/leads.json`. */
  path: string;
  /** The query string, without `?`. */
  query: string;
  headers: Record<string, string | string[] | undefined>;
  /** The socket's peer address. */
  ip: string;
}

export type Inspector = (req: InspectorRequest) => Promise<HandleResult>;

/** How many rows of each delivery state the inspector joins to the recent leads. */
const ROWS_PER_STATUS = 500;

export function createInspector(deps: { recent: RecentLeads; outbox: Outbox; access: InspectorAccess; now?: () => number }): Inspector {
  const { recent, outbox, access } = deps;
  const now = deps.now ?? Date.now;
  if (access !== 'local' && !(typeof access?.token == 'string' && access.token.length >= 16)) {
    throw new TypeError('Expected `inspector` to be "local" or { token } with a token of at least 16 characters');
  }
  const tokenBytes = access === 'local' ? undefined : Buffer.from(access.token);

  function allowed(req: InspectorRequest): boolean {
    if (!tokenBytes) return isLoopback(req.ip) && !req.headers['x-forwarded-for'] && !req.headers.forwarded;
    const auth = header(req.headers, 'authorization');
    const given = auth?.startsWith('Bearer ') ? auth.slice(7) : (new URLSearchParams(req.query).get('token') ?? '');
    const bytes = Buffer.from(given);
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  }

  return async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(405, 'application/json', JSON.stringify({ error: 'method_not_allowed' }), { allow: 'GET, HEAD' });
    if (!allowed(req)) return answer(access === 'local' ? 403 : 401, 'application/json', JSON.stringify({ error: 'not_allowed', message: access === 'local' ? 'The inspector answers only on this machine' : 'The inspector needs its token' }));
    if (req.path === '' || req.path === '/') return answer(200, 'text/html; charset=utf-8', INSPECTOR_PAGE, { 'content-security-policy': INSPECTOR_CSP });
    if (req.path === '/leads.json') return answer(200, 'application/json; charset=utf-8', JSON.stringify(await snapshot()));
    return answer(404, 'application/json', JSON.stringify({ error: 'not_found' }));
  };

  /** The recent leads, newest first, each with its row in the outbox (pending, delivered or dead). */
  async function snapshot() {
    const rows = new Map<string, OutboxRow>();
    const statuses: OutboxStatus[] = ['delivered', 'dead', 'pending'];
    for (const list of await Promise.all(statuses.map((status) => outbox.list({ status, limit: ROWS_PER_STATUS }).catch(() => [])))) {
      for (const row of list) rows.set(row.id, row);
    }
    return { now: now(), leads: recent.list().map((entry) => ({ ...entry, delivery: rows.get(entry.uniqueEventId) ?? null })) };
  }
}

function answer(status: number, type: string, body: string, extra: Record<string, string> = {}): HandleResult {
  return { status, headers: { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', ...extra }, body };
}

function header(headers: InspectorRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isLoopback(ip: string): boolean {
  return /^(127\.|::1$|::ffff:127\.)/.test(ip);
}
