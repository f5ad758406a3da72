import type { Clock } from '../../src/delivery/clock.js';

/**
 * A clock that moves only when the test says so, for replaying hours of backoff in milliseconds.
 * `idle()` resolves once the worker has gone back to sleep, the point where it is safe to look.
 */
export function createManualClock(start = Date.UTC(2025, 0, 6, 9)): Clock & { advance(ms: number): Promise<void>; idle(): Promise<void> } {
  let now = start;
  const sleepers = new Set<{ until: number; resolve: () => void }>();
  return {
    now: () => now,
    sleep(ms, signal) {
      return new Promise<void>((resolve) => {
        const sleeper = { until: now + ms, resolve: () => (sleepers.delete(sleeper), resolve()) };
        sleepers.add(sleeper);
        signal?.addEventListener('abort', sleeper.resolve, { once: true });
        if (signal?.aborted) sleeper.resolve();
      });
    },
    async advance(ms) {
      now += ms;
      for (const sleeper of [...sleepers]) if (sleeper.until <= now) sleeper.resolve();
      await this.idle();
    },
    async idle() {
      // Let the woken loop run its I/O (HTTP, database) until it sleeps again.
      await new Promise((resolve) => setImmediate(resolve));
      while (sleepers.size === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    },
  };
}
