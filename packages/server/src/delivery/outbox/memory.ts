import { randomUUID } from 'node:crypto';
import { OutboxUnavailableError } from '../../errors.js';
import { createDefaultLogger, type Logger } from '../../logger.js';
import type { LeadTrackrLead } from '../../lead/map-lead.js';
import type { Outbox, OutboxRow } from './outbox.js';
import { bodyHash } from './body-hash.js';

export interface MemoryOutboxOptions {
  /** Where the production warning goes. @default a pino logger to stdout */
  logger?: Logger;
}

interface Row extends OutboxRow {
  seq: number;
  lead: LeadTrackrLead | null;
  body: string | null;
  hash: string;
  leaseToken: string | null;
  leaseUntil: number | null;
}

/** An outbox in process memory, for tests: a restart loses every lead, so production gets a warning. */
export function createMemoryOutbox(options: MemoryOutboxOptions = {}): Outbox {
  if (process.env.NODE_ENV === 'production') {
    (options.logger ?? createDefaultLogger()).warn({}, 'memory outbox in production: leads are lost on restart; use the SQLite or PostgreSQL outbox');
  }
  const rows = new Map<string, Row>();
  let seq = 0;
  let closed = false;

  function open(operation: string): void {
    if (closed) throw new OutboxUnavailableError(operation, { cause: new Error('the outbox is closed') });
  }
  function leased(ref: { id: string; leaseToken: string }): Row | undefined {
    const row = rows.get(ref.id);
    return row && row.status === 'pending' && row.leaseToken === ref.leaseToken ? row : undefined;
  }
  const ordered = () => [...rows.values()].sort((a, b) => a.seq - b.seq);

  return {
    async append(lead, now) {
      open('append');
      const id = lead.formData.uniqueEventId;
      const body = JSON.stringify(lead);
      const hash = bodyHash(body);
      const row = rows.get(id);
      if (!row) {
        rows.set(id, {
          seq: ++seq, id, lead: JSON.parse(body) as LeadTrackrLead, body, hash, status: 'pending', acceptedAt: now, attempts: 0,
          nextAttemptAt: now, lastError: null, leadId: null, finishedAt: null, leaseToken: null, leaseUntil: null,
        });
        return { outcome: 'stored' };
      }
      if (row.hash !== hash) {
        const requeue = row.status === 'pending' ? {} : { status: 'pending', attempts: 0, nextAttemptAt: now, finishedAt: null, lastError: null };
        Object.assign(row, { lead: JSON.parse(body) as LeadTrackrLead, body, hash, leaseToken: null, leaseUntil: null, ...requeue });
        return { outcome: 'updated' };
      }
      return { outcome: 'duplicate', status: row.status, leadId: row.leadId ?? undefined };
    },
    async lease(limit, leaseMs, now) {
      open('lease');
      const due = ordered()
        .filter((r) => r.status === 'pending' && r.nextAttemptAt! <= now && (r.leaseUntil === null || r.leaseUntil <= now))
        .slice(0, limit);
      return due.map((row) => {
        Object.assign(row, { leaseToken: randomUUID(), leaseUntil: now + leaseMs, attempts: row.attempts + 1 });
        return { id: row.id, leaseToken: row.leaseToken!, lead: JSON.parse(row.body!) as LeadTrackrLead, attempts: row.attempts, acceptedAt: row.acceptedAt };
      });
    },
    async acknowledge(ref, leadId, now) {
      open('acknowledge');
      const row = leased(ref);
      if (!row) return false;
      Object.assign(row, { status: 'delivered', lead: null, body: null, leadId: leadId ?? null, finishedAt: now, nextAttemptAt: null, leaseToken: null, leaseUntil: null, lastError: null });
      return true;
    },
    async reschedule(ref, nextAttemptAt, error) {
      open('reschedule');
      const row = leased(ref);
      if (!row) return false;
      Object.assign(row, { nextAttemptAt, lastError: error, leaseToken: null, leaseUntil: null });
      return true;
    },
    async deadLetter(ref, reason, now) {
      open('deadLetter');
      const row = leased(ref);
      if (!row) return false;
      Object.assign(row, { status: 'dead', lastError: reason, finishedAt: now, nextAttemptAt: null, leaseToken: null, leaseUntil: null });
      return true;
    },
    async stats(now) {
      open('stats');
      const pending = ordered().filter((r) => r.status === 'pending');
      const dead = [...rows.values()].filter((r) => r.status === 'dead').length;
      const oldest = pending.length ? Math.min(...pending.map((r) => r.acceptedAt)) : null;
      return { pending: pending.length, dead, oldestPendingAgeMs: oldest === null ? null : Math.max(0, now - oldest) };
    },
    async probeWrite() {
      open('probeWrite');
    },
    async nextDueAt() {
      open('nextDueAt');
      const due = [...rows.values()].filter((r) => r.status === 'pending').map((r) => Math.max(r.nextAttemptAt!, r.leaseUntil ?? 0));
      return due.length ? Math.min(...due) : null;
    },
    async list({ status, limit }) {
      open('list');
      return ordered()
        .filter((r) => r.status === status)
        .slice(0, limit)
        .map(({ id, status, acceptedAt, attempts, nextAttemptAt, lastError, leadId, finishedAt }) => ({ id, status, acceptedAt, attempts, nextAttemptAt, lastError, leadId, finishedAt }));
    },
    async retry(target, now) {
      open('retry');
      const dead = 'id' in target ? [rows.get(target.id)].filter((r) => r?.status === 'dead') : [...rows.values()].filter((r) => r.status === 'dead');
      for (const row of dead) Object.assign(row!, { status: 'pending', attempts: 0, nextAttemptAt: now, finishedAt: null });
      return dead.length;
    },
    async purge(status, before) {
      open('purge');
      let count = 0;
      for (const row of [...rows.values()]) {
        if (row.status === status && row.finishedAt !== null && row.finishedAt < before) {
          rows.delete(row.id);
          count++;
        }
      }
      return count;
    },
    async close() {
      closed = true;
    },
  };
}
