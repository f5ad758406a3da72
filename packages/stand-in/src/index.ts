/**
 * A local stand-in for LeadTrackr's createServerSideLead API (../shared/reference), strict about
 * the documented contract, recording what it receives, and able to fail on command. Tests and the
 * demo point `apiUrl` at it; no test talks to the real API.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const LEAD_PATH = '/api/leads/createServerSideLead';
/** A key-protected read (../shared/reference/leadtrackr.md): checks a key without creating a lead. */
export const GET_LEADS_PATH = '/api/leads/getLeads';

/** A lead as the stand-in stores it, after create or update. */
export interface StoredLead {
  leadId: number;
  projectId: string;
  userData: Record<string, unknown>;
  attributionData: Record<string, unknown>;
  formData: Record<string, unknown>;
  deviceData: Record<string, unknown>;
  channelFlow: unknown;
  uniqueIdentifier: string | null;
  createdAt: string;
  updatedAt: string;
  /** How many requests created or updated this lead. */
  writes: number;
}

/** One request as received, whatever the answer was. The API key is not kept. */
export interface ReceivedRequest {
  at: string;
  method: string;
  path: string;
  hadApiKey: boolean;
  status: number;
  body: unknown;
}

/** A fault to inject into the next `count` lead requests. */
export type Fault =
  | { kind: 'status'; status: number; message?: string; retryAfterSeconds?: number }
  | { kind: 'hang' }
  | { kind: 'reset' };

export interface StandInOptions {
  /** The key that X-API-Key must carry. @default a random key, see `apiKey` on the result */
  apiKey?: string;
  /** When set, any other projectId is answered 404. @default any projectId is accepted */
  projectId?: string;
}

export interface StandIn {
  readonly apiKey: string;
  /** Node request listener, to mount in another server (the demo does). */
  readonly listener: (req: IncomingMessage, res: ServerResponse) => void;
  readonly leads: StoredLead[];
  readonly received: ReceivedRequest[];
  /** The next `count` lead requests get `fault` instead of the normal answer. */
  fail(fault: Fault, count?: number): void;
  reset(): void;
  /** Starts a server of its own on 127.0.0.1; resolves to its base URL. */
  listen(port?: number): Promise<string>;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

export function createStandIn(options: StandInOptions = {}): StandIn {
  const apiKey = options.apiKey ?? `standin-${randomUUID()}`;
  const leads: StoredLead[] = [];
  const received: ReceivedRequest[] = [];
  const faults: Fault[] = [];
  const hanging = new Set<ServerResponse>();
  let server: Server | undefined;
  const sockets = new Set<Socket>();

  function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): number {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
    return status;
  }

  function createOrUpdate(body: Record<string, unknown>, res: ServerResponse): number {
    const projectId = body.projectId;
    if (typeof projectId != 'string' || !projectId) return answer(res, 400, { message: 'projectId is required' });
    if (options.projectId && projectId !== options.projectId) return answer(res, 404, { message: 'Project not found' });
    const userData = body.userData;
    if (!isObject(userData)) return answer(res, 400, { message: 'userData is required' });
    const attributionData = body.attributionData ?? {};
    if (!isObject(attributionData)) return answer(res, 400, { message: 'attributionData must be an object' });
    if (!hasData(userData) && !hasData(attributionData)) {
      return answer(res, 400, { message: 'At least one of userData or attributionData must contain data' });
    }
    const formData = body.formData ?? {};
    const deviceData = body.deviceData ?? {};
    if (!isObject(formData) || !isObject(deviceData)) return answer(res, 400, { message: 'formData and deviceData must be objects' });
    const uniqueIdentifier = body.uniqueIdentifier ?? body.unique_identifier ?? null;
    if (uniqueIdentifier !== null && (typeof uniqueIdentifier != 'string' || uniqueIdentifier.length > 255)) {
      return answer(res, 400, { message: 'uniqueIdentifier must be a string of at most 255 characters' });
    }
    const channelFlow = body.channelFlow ?? body.lt_channelflow ?? null;
    const eventId = formData.uniqueEventId;
    const now = new Date().toISOString();
    const existing = typeof eventId == 'string' ? leads.find((l) => l.formData.uniqueEventId === eventId) : undefined;
    if (existing) {
      // attributionData is merged on update, not overwritten (reference: leadtrackr.md).
      Object.assign(existing, {
        userData: { ...existing.userData, ...userData },
        attributionData: { ...existing.attributionData, ...attributionData },
        formData: { ...existing.formData, ...formData },
        deviceData: { ...existing.deviceData, ...deviceData },
        channelFlow: channelFlow ?? existing.channelFlow,
        uniqueIdentifier: uniqueIdentifier ?? existing.uniqueIdentifier,
        updatedAt: now,
        writes: existing.writes + 1,
      });
      return answer(res, 200, { message: 'Lead updated successfully', leadId: existing.leadId, uniqueIdentifier: existing.uniqueIdentifier });
    }
    const lead: StoredLead = {
      leadId: leads.length + 1,
      projectId,
      userData,
      attributionData,
      formData,
      deviceData,
      channelFlow,
      uniqueIdentifier,
      createdAt: now,
      updatedAt: now,
      writes: 1,
    };
    leads.push(lead);
    return answer(res, 201, { message: 'Lead created successfully', leadId: lead.leadId, uniqueIdentifier });
  }

  function handleLead(req: IncomingMessage, res: ServerResponse, raw: string, record: ReceivedRequest): number {
    const fault = faults.shift();
    if (fault?.kind === 'hang') {
      hanging.add(res);
      return 0;
    }
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return 0;
    }
    if (fault) {
      const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      return answer(res, fault.status, { message: fault.message ?? `Injected ${fault.status}` }, headers);
    }
    if (req.headers['x-api-key'] !== apiKey) return answer(res, 401, { message: 'Invalid or missing API key' });
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return answer(res, 400, { message: 'Invalid JSON body' });
    }
    record.body = body;
    if (!isObject(body)) return answer(res, 400, { message: 'Body must be a JSON object' });
    return createOrUpdate(body, res);
  }

  function getLeads(req: IncomingMessage, res: ServerResponse): number {
    if (req.headers['x-api-key'] !== apiKey) return answer(res, 401, { message: 'Invalid or missing API key' });
    const projectId = new URL(req.url ?? '/', 'http://stand-in').searchParams.get('projectId');
    if (options.projectId && projectId && projectId !== options.projectId) return answer(res, 404, { message: 'Project not found' });
    return answer(res, 200, { leads: leads.filter((l) => !projectId || l.projectId === projectId) });
  }

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const record: ReceivedRequest = {
        at: new Date().toISOString(),
        method: req.method ?? '',
        path,
        hadApiKey: req.headers['x-api-key'] !== undefined,
        status: 0,
        body: undefined,
      };
      if (path.endsWith(GET_LEADS_PATH) && req.method === 'GET') {
        record.status = getLeads(req, res);
      } else if (!path.endsWith(LEAD_PATH)) {
        record.status = answer(res, 404, { message: 'Not found' });
      } else if (req.method !== 'POST') {
        record.status = answer(res, 405, { message: 'Method not allowed' }, { allow: 'POST' });
      } else {
        record.status = handleLead(req, res, raw, record);
      }
      received.push(record);
    });
  };

  return {
    apiKey,
    listener,
    leads,
    received,
    fail(fault, count = 1) {
      for (let i = 0; i < count; i++) faults.push(fault);
    },
    reset() {
      leads.length = 0;
      received.length = 0;
      faults.length = 0;
    },
    async listen(port = 0) {
      server = createServer(listener);
      server.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    async close() {
      for (const res of hanging) res.destroy();
      hanging.clear();
      for (const socket of sockets) socket.destroy();
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value == 'object' && value !== null && !Array.isArray(value);
}

function hasData(value: Record<string, unknown>): boolean {
  return Object.values(value).some((v) => v !== undefined && v !== null && v !== '');
}
