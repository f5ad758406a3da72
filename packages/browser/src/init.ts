import { givenConfig } from './given-config';
import { attributesOf, type InitOptions } from './init-options.js';

export type { InitOptions } from './init-options.js';

let started: Promise<void> | undefined;

/**
 * Starts leadbeacon in an app (React, Next.js, Vue, Vite …): the same capture and delivery as the
 * script tag, configured by `options` instead of `data-*` attributes. Call it once, in the browser;
 * later calls return the first call's promise. On the server (no `window`: server rendering) it
 * does nothing, so it may sit in code that runs on both sides. The page API stays
 * `window.leadbeacon(...)`. Resolves once forms are watched.
 */
export function init(options: InitOptions): Promise<void> {
  if (typeof window == 'undefined' || typeof document == 'undefined') return Promise.resolve();
  if (!started) {
    givenConfig.get = attributesOf(options);
    // The page wiring runs when first imported: importing this module itself touches no browser global.
    started = import('./index').then(() => undefined);
  }
  return started;
}
