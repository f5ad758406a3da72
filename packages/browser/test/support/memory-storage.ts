import type { QueueStorage } from '../../src/queue';

/** localStorage's getItem/setItem over a Map, so a queue can be reopened as on the next page view. */
export function createMemoryStorage(): QueueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, String(value)),
  };
}

/** Storage as a browser with cookies blocked gives it: every call throws a SecurityError. */
export const blockedStorage: QueueStorage = {
  getItem() {
    throw new Error('SecurityError: access denied');
  },
  setItem() {
    throw new Error('SecurityError: access denied');
  },
};
