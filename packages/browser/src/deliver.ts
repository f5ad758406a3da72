import type { Queue } from './queue';
import { shouldKeep } from './send';

declare const __DEBUG__: boolean;

export interface Delivery {
  /** Queues the body under its uniqueEventId, then sends it; the answer decides whether it stays. */
  deliver(id: string, body: string): Promise<void>;
  /** Sends every queued body again, one at a time (the keepalive budget is shared). */
  resendPending(): Promise<void>;
}

/**
 * At-least-once delivery from the browser: a lead is in the queue before its request starts and
 * leaves it only on an acknowledgement or a final refusal. The same uniqueEventId makes a resend
 * an update, never a second lead.
 */
export function createDelivery(
  endpoint: string,
  queue: Queue,
  transmit: (endpoint: string, body: string) => Promise<number>,
  // No default: only the debug build calls it.
  log?: (...args: unknown[]) => void,
): Delivery {
  function deliver(id: string, body: string): Promise<void> {
    queue.put(id, body);
    return transmit(endpoint, body).then((status) => {
      if (!shouldKeep(status)) queue.remove(id, body);
      if (__DEBUG__) log?.(status > 199 && status < 300 ? 'sent' : shouldKeep(status) ? 'kept for the next page view' : 'dropped: the endpoint refused it', id, status);
    });
  }
  return {
    deliver,
    async resendPending() {
      for (const e of queue.pending()) await deliver(e.id, e.body);
    },
  };
}
