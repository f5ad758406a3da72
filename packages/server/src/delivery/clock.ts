import { setTimeout as delay } from 'node:timers/promises';

/** Time as the delivery worker sees it; tests pass a manual clock to replay hours in milliseconds. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or early (never rejecting) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Node's timer limit; a longer timer fires after 1 ms instead (TimeoutOverflowWarning). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  async sleep(ms, signal) {
    // A sleep longer than one timer is several in a row, so a far date never spins the caller.
    for (let left = ms; left > 0 && !signal?.aborted; left -= MAX_TIMER_MS) {
      await delay(Math.min(left, MAX_TIMER_MS), undefined, signal ? { signal } : {}).catch(() => undefined);
    }
  },
};
