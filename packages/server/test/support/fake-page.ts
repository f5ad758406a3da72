import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * The shipped browser script, built in memory with the options of `packages/browser/build.mjs`
 * (minified, the bytes a site loads), without writing its dist/ (another package's tests may
 * read it at the same time).
 */
export async function shippedScript(): Promise<string> {
  const browserDir = new URL('../../../browser/', import.meta.url);
  // A plain .mjs with no types: imported by URL so the server's typecheck does not follow it.
  const { minified } = (await import(new URL('build.mjs', browserDir).href)) as { minified: Record<string, unknown> };
  // esbuild is the browser package's dev dependency, not the server's.
  const { build } = createRequire(fileURLToPath(new URL('package.json', browserDir)))('esbuild') as {
    build(options: Record<string, unknown>): Promise<{ outputFiles: { text: string }[] }>;
  };
  const result = await build({ ...minified, write: false });
  return result.outputFiles[0]!.text;
}

/** A domain no site may set a cookie on: enough of the public suffix list for the tests' hosts. */
const PUBLIC_SUFFIXES = new Set(['nl', 'uk', 'co.uk', 'com', 'example']);

export interface FakePageOptions {
  url: string;
  /** Cookies the page's JavaScript can read (`document.cookie`), raw values. */
  cookies?: Record<string, string>;
  nowMs: number;
  /** The script tag's attributes. */
  attributes?: Record<string, string>;
  referrer?: string;
}

export interface FakePage {
  /** `window.leadbeacon` after the script ran. */
  leadbeacon: (name: string, ...args: unknown[]) => unknown;
  /** The cookie jar after the script ran: name → raw value. */
  jar: Map<string, string>;
  /** What the script sent with fetch. */
  requests: { url: string; body: string }[];
}

/**
 * Runs the script in a fake page: a cookie jar that follows the browser's rules the script relies
 * on (a Domain attribute must cover the host and not be a public suffix; an expiry in the past
 * deletes), a fixed clock, and a fetch that records the beacon. Just enough page for the script's
 * page view and its `leadbeacon('send', …)`; not a DOM.
 */
export function runInFakePage(script: string, options: FakePageOptions): FakePage {
  const location = new URL(options.url);
  const jar = new Map(Object.entries(options.cookies ?? {}));
  const requests: FakePage['requests'] = [];
  const now = options.nowMs;
  const noop = () => {};
  const document = {
    get cookie() {
      return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    },
    set cookie(text: string) {
      const [pair = '', ...attributes] = text.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const attribute = (key: string) => attributes.map((a) => a.trim().split('=')).find(([k]) => k!.toLowerCase() == key)?.[1];
      const domain = attribute('domain')?.replace(/^\./, '');
      if (domain && (PUBLIC_SUFFIXES.has(domain) || !(location.hostname == domain || location.hostname.endsWith('.' + domain)))) return;
      const expires = attribute('expires');
      const maxAge = attribute('max-age');
      if ((expires && Date.parse(expires) <= now) || (maxAge !== undefined && +maxAge <= 0)) jar.delete(name);
      else jar.set(name, pair.slice(at + 1));
    },
    currentScript: { getAttribute: (name: string) => options.attributes?.[name] ?? null },
    referrer: options.referrer ?? '',
    addEventListener: noop,
  };
  const storage = new Map<string, string>();
  const window: Record<string, unknown> = {
    addEventListener: noop,
    localStorage: { getItem: (key: string) => storage.get(key) ?? null, setItem: (key: string, value: string) => storage.set(key, value) },
  };
  const fetch = (url: string, init: { body: string }) => {
    requests.push({ url, body: init.body });
    return Promise.resolve({ status: 202 });
  };
  class FakeDate extends Date {
    constructor(...args: []) {
      super(...((args.length ? args : [now]) as []));
    }
    static override now() {
      return now;
    }
  }
  const globals = {
    window,
    document,
    location,
    navigator: { sendBeacon: () => true },
    fetch,
    crypto: globalThis.crypto,
    HTMLFormElement: class {
      submit() {}
    },
    ShadowRoot: class {},
    // The script takes Element.prototype's methods at start-up (a page may hide a form's own), its
    // addEventListener (EventTarget's, inherited in a browser) among them.
    Element: class {
      addEventListener() {}
    },
    Date: FakeDate,
  };
  // The script's globals as parameters: the IIFE sees these, never Node's.
  new Function(...Object.keys(globals), script)(...Object.values(globals));
  return { leadbeacon: window.leadbeacon as FakePage['leadbeacon'], jar, requests };
}
