/** Where cookies really live (document.cookie through cookie-jar.ts in the page, a Map in tests). */
export interface CookieJar {
  all(): Record<string, string>;
  set(name: string, value: string, days: number): void;
}

export interface CookieStore {
  /** The jar's cookies with the writes still held in memory laid over them. */
  all(): Record<string, string>;
  /** Writes now when allowed, else holds the value in memory until `flush` finds it allowed. */
  set(name: string, value: string, days: number): void;
  /** Writes every held value that is now allowed. */
  flush(): void;
}

/**
 * Cookie writes gated by consent (`data-consent="required"`): until `canWrite(name)` says yes, a
 * value lives only in memory, so the page can still use it and nothing is stored on the device.
 */
export function createCookieStore(jar: CookieJar, canWrite: (name: string) => boolean): CookieStore {
  const held: Record<string, [string, number]> = {};
  const store: CookieStore = {
    all() {
      const out = jar.all();
      for (const name in held) out[name] = held[name]![0];
      return out;
    },
    set(name, value, days) {
      held[name] = [value, days];
      store.flush();
    },
    flush() {
      for (const name in held) {
        if (canWrite(name)) {
          jar.set(name, ...held[name]!);
          delete held[name];
        }
      }
    },
  };
  return store;
}
