import type { Clock } from './clock.js';
import { OutboxUnavailableError } from '../errors.js';
import type { LeadEvents } from '../events.js';
import type { AcceptResult } from '../intake/handle.js';
import type { LeadTrackrLead } from '../lead/map-lead.js';
import type { Outbox } from './outbox/outbox.js';

export interface OutboxAcceptOptions {
  outbox: Outbox;
  events: LeadEvents;
  clock: Clock;
  /**
   * Called once a lead is stored, so an in-process worker sends it without waiting for its poll;
   * awaited, so a host without a long-lived process can make the first attempt inside the request.
   */
  onStored(): void | Promise<unknown>;
  /** 'sync' also waits up to `syncTimeoutMs` for LeadTrackr's leadId (needs an in-process worker). */
  mode: 'async' | 'sync';
  syncTimeoutMs: number;
}

export interface OutboxAccept {
  accept(lead: LeadTrackrLead): Promise<AcceptResult>;
  /** From now on every lead is refused as unavailable (503), as during shutdown. */
  stop(): void;
}

/** Accepts a lead by storing it durably in the outbox first; only then may the endpoint answer 2xx. */
export function createOutboxAccept(options: OutboxAcceptOptions): OutboxAccept {
  const { outbox, events, clock } = options;
  const waiting = new Map<string, Set<(leadId: number | undefined) => void>>();
  let stopped = false;
  // One listener for all waiting requests, however many (EventEmitter warns past 10 listeners).
  if (options.mode === 'sync') {
    events.on('delivered', ({ uniqueEventId, leadId }) => {
      for (const resolve of waiting.get(uniqueEventId) ?? []) resolve(leadId);
    });
  }

  async function accept(lead: LeadTrackrLead): Promise<AcceptResult> {
    if (stopped) throw new OutboxUnavailableError('append', { cause: new Error('shutting down') });
    const id = lead.formData.uniqueEventId;
    const delivered = options.mode === 'sync' ? waitForDelivery(id) : undefined;
    try {
      const stored = await outbox.append(lead, clock.now());
      if (stored.outcome === 'duplicate') {
        return stored.status === 'delivered' && stored.leadId !== undefined && options.mode === 'sync'
          ? { outcome: 'delivered', leadId: stored.leadId }
          : { outcome: 'duplicate' };
      }
      await options.onStored();
      if (!delivered) return { outcome: 'accepted' };
      const leadId = await delivered.promise;
      return leadId === null ? { outcome: 'accepted' } : { outcome: 'delivered', leadId };
    } finally {
      delivered?.cancel();
    }
  }

  /** Resolves to LeadTrackr's leadId, or null when `syncTimeoutMs` passed first. */
  function waitForDelivery(id: string): { promise: Promise<number | undefined | null>; cancel(): void } {
    let resolve!: (leadId: number | undefined | null) => void;
    const promise = new Promise<number | undefined | null>((r) => (resolve = r));
    const set = waiting.get(id) ?? new Set();
    waiting.set(id, set.add(resolve));
    const timer = setTimeout(() => resolve(null), options.syncTimeoutMs);
    return {
      promise,
      cancel() {
        clearTimeout(timer);
        set.delete(resolve);
        if (set.size === 0 && waiting.get(id) === set) waiting.delete(id);
      },
    };
  }

  return {
    accept,
    stop() {
      stopped = true;
    },
  };
}
