declare const __DEBUG__: boolean;

/** The debug build's logger of what `attempt` caught; the minified builds have no code for it. */
export const degraded: { log?: (...args: unknown[]) => void } = {};

/** Runs `fn`; what a page or browser breaks (blocked storage or cookies, a replaced API) must not cost the lead. */
export function attempt<T>(fn: () => T, fallback: T): T;
export function attempt(fn: () => unknown): void;
export function attempt<T>(fn: () => T, fallback?: T): T | undefined {
  try {
    return fn();
  } catch (error) {
    __DEBUG__ && degraded.log?.('degraded', error);
    return fallback;
  }
}
