import { stringify } from './fit-beacon';

/** One unacknowledged beacon: its uniqueEventId, the exact body, when it was first queued. */
export interface QueueEntry {
  id: string;
  body: string;
  at: number;
}

export interface Queue {
  /** Stores (or replaces, for the same id) a body before it is sent. */
  put(id: string, body: string): void;
  /** Removes the entry, only while it still holds `body` (a newer submit may have replaced it). */
  remove(id: string, body: string): void;
  /** The entries still to send, oldest first; expired ones are dropped on the way. */
  pending(): QueueEntry[];
}

/** The storage calls the queue needs (localStorage's shape). */
export type QueueStorage = Pick<Storage, 'getItem' | 'setItem'>;

export const QUEUE_KEY = 'leadbeacon_queue';
// A visitor sends a handful of forms; ten pending leads means the endpoint is gone for good.
const MAX_ENTRIES = 10;
// After a week the visit's attribution is stale and the visitor long gone.
const MAX_AGE_MS = 7 * 24 * 3600 * 1000;

/**
 * The browser's outbox for leads, in localStorage so a lead survives a navigation, a crash or an
 * endpoint that is down. Without storage (blocked, full, private mode) it keeps the entries in
 * memory: this page still sends, nothing is resent on the next one.
 */
export function createQueue(storage: QueueStorage | undefined, now = Date.now): Queue {
  let memory: QueueEntry[] = [];

  function read(): QueueEntry[] {
    try {
      memory = [].concat(JSON.parse(storage!.getItem(QUEUE_KEY)!) || []);
    } catch {
      // Blocked or corrupt storage: the in-memory copy is all there is.
    }
    // An entry that is not an object, or has no time, has NaN age and goes.
    return (memory = memory.filter((e) => now() - (e || 0).at < MAX_AGE_MS));
  }

  // The one place the cap applies: every entry that is stored passed through here.
  function write(entries: QueueEntry[]): void {
    memory = entries.slice(-MAX_ENTRIES);
    try {
      // Deaf to the page's toJSON methods (fit-beacon.ts's stringify): Prototype.js's would
      // store the list as one string, which no later page could read.
      storage!.setItem(QUEUE_KEY, stringify(memory, (value) => value));
    } catch {
      // Quota or blocked storage: degrade to memory.
    }
  }

  return {
    put(id, body) {
      let at = now();
      // An older entry of this id goes, leaving its time (a number, never 0) for the new one.
      // concat, not spread: a page may have broken the array iterator.
      write(read().filter((e) => e.id != id || !(at = e.at)).concat({ id, body, at }));
    },
    remove(id, body) {
      write(read().filter((e) => e.id != id || e.body != body));
    },
    pending: read,
  };
}
