import type { Logger } from './logger.js';

/** A misconfiguration repeats with every request: once per key per interval is loud enough. */
export const WARN_INTERVAL_MS = 10 * 60_000;
/** Keys are attacker-chosen (any Origin header): the memory they take is bounded. */
const MAX_KEYS = 1_000;

export type WarnOnce = (key: string, obj: object, msg: string) => void;

/**
 * Logs at warn level at most once per `key` per `intervalMs`: a refused origin or a refused API
 * key says what to fix without flooding the log. Past `MAX_KEYS` keys in one interval the rest
 * are not logged (the metrics still count them).
 */
export function createWarnOnce(logger: Logger, intervalMs = WARN_INTERVAL_MS, now: () => number = Date.now): WarnOnce {
  const lastAt = new Map<string, number>();
  return (key, obj, msg) => {
    const t = now();
    const last = lastAt.get(key);
    if (last !== undefined && t - last < intervalMs) return;
    if (last === undefined && lastAt.size >= MAX_KEYS) {
      for (const [k, at] of lastAt) if (t - at >= intervalMs) lastAt.delete(k);
      if (lastAt.size >= MAX_KEYS) return;
    }
    lastAt.set(key, t);
    logger.warn(obj, msg);
  };
}
