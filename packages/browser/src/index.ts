import Cookies from 'js-cookie';
import { installApi } from './api';
import { readAttribution } from './attribution';
import type { Beacon, FlowEntry } from './beacon';
import { channelFor } from './channel';
import { nextFlow, parseFlow } from './channel-flow';
import { ownCookie } from './click-ids';
import { readConfig } from './config';
import { consentFromCmp, consentFromDataLayer, mergeConsent, pickConsent, type Consent } from './consent';
import { createCookieStore } from './cookie-store';
import { findCookieDomain, registrableDomain } from './domain';
import { subdomainIndex } from './fbc';
import { collectFields } from './forms';
import { newEventId } from './id';
import { send } from './send';

declare const __DEBUG__: boolean;

// The only module that touches window/document: wire the pure modules to the page.
// Locals, not properties: esbuild shortens locals only.
const win = window as Window & { leadbeacon?: unknown; dataLayer?: unknown };
const doc = document;
const loc = location;
const script = doc.currentScript;
const config = readConfig((name) => script && script.getAttribute(name));
const params = new URLSearchParams(loc.search);

/** Call sites read `__DEBUG__ && log(…)`, so the minified build drops the call and its strings. */
function log(...args: unknown[]): void {
  if (config.debug) console.debug('[leadbeacon]', ...args);
}

// ---- attribution (issue #3) ----
let explicitConsent: Consent = {};
let uniqueIdentifier: string | undefined;
let flow: FlowEntry[] = [];
let domain = config.cookieDomain;
let hasDomain = !!domain;

// LeadTrackr's channel-flow cookies are URL-encoded JSON: encode every character, not js-cookie's readable subset.
const jar = Cookies.withConverter({ write: (value) => encodeURIComponent(value) });

function consent(): Consent {
  return mergeConsent(explicitConsent, consentFromCmp(Cookies.get()), consentFromDataLayer(win.dataLayer));
}

/**
 * The highest domain that takes a cookie, resolved at the first write (a probe is a write too).
 * Probed once, then remembered in `lb_domain`: in Chromium a cookie read after a write is a
 * blocking round trip, so a probe on every page view would cost more than the rest of the script.
 */
function cookieDomain(): string | undefined {
  if (!hasDomain) {
    hasDomain = true;
    domain = Cookies.get('lb_domain');
    if (!domain) {
      domain = findCookieDomain(loc.hostname, (candidate) => {
        Cookies.set('lb_probe', '1', { domain: candidate });
        const ok = !!Cookies.get('lb_probe');
        Cookies.remove('lb_probe', { domain: candidate });
        return ok;
      });
      if (domain) write('lb_domain', domain, 395);
    }
    __DEBUG__ && log('cookie domain', domain);
  }
  return domain;
}

function write(name: string, value: string, days: number): void {
  jar.set(name, value, { expires: days, path: '/', domain: cookieDomain(), sameSite: 'Lax', secure: loc.protocol == 'https:' });
  __DEBUG__ && log('cookie', name, value);
}

// With data-consent="required", lt_* (the channel flow) waits for analytics_storage and the click ids for ad_storage.
const store = createCookieStore(
  { all: () => Cookies.get(), set: write },
  (name) => !config.consentRequired || consent()[name.startsWith('lt_') ? 'analytics_storage' : 'ad_storage'] == 'granted',
);

function readIds(cookies: Record<string, string>) {
  const fbcDomain = (hasDomain && domain) || registrableDomain(loc.hostname);
  return readAttribution(params, cookies, Date.now(), subdomainIndex(fbcDomain));
}

function onPageView(): void {
  // The page view's only cookie read (see cookieDomain).
  const cookies = store.all();
  const channel = channelFor(params, loc.hostname, doc.referrer);
  flow = nextFlow(parseFlow(cookies.lt_channelflow), Date.now(), !!cookies.lt_session, channel, loc.pathname);
  // LeadTrackr's cookies and lifetimes (../shared/reference/leadtrackr.md): 395 days, the session timeout.
  store.set('lt_channelflow', JSON.stringify(flow), 395);
  store.set('lt_session', '1', config.sessionMinutes / 1440);
  // Only a URL with a query can bring a click id to keep. After the writes above, so fbc's subdomain index sees the probed domain.
  const keep = loc.search ? readIds(cookies)[1] : {};
  for (const key in keep) if (cookies[ownCookie(key)] != keep[key]) store.set(ownCookie(key), keep[key]!, config.clickIdDays);
}

function attributionData(): Record<string, unknown> {
  const data: Record<string, unknown> = readIds(store.all())[0];
  data.conversionPage = (loc.host + loc.pathname).slice(0, 2000);
  const signals = consent();
  if (Object.keys(signals).length) data.consent = signals;
  return data;
}
// ---- end attribution ----

/** Builds one beacon from a form's entries (a `<form>`'s FormData or the API's fields) and sends it. */
function sendFields(entries: Iterable<[string, unknown]>): boolean {
  if (!config.endpoint) return false;
  store.flush();
  const { userData, formData } = collectFields(entries);
  const beacon: Beacon = {
    uniqueEventId: newEventId(),
    userData,
    attributionData: attributionData(),
    formData,
    channelFlow: flow,
  };
  if (uniqueIdentifier) beacon.uniqueIdentifier = uniqueIdentifier;
  __DEBUG__ && log('beacon', beacon);
  return send(config.endpoint, JSON.stringify(beacon));
}

function onSubmit(event: Event): void {
  try {
    const form = event.target;
    if (form instanceof HTMLFormElement) sendFields(new FormData(form));
  } catch (error) {
    __DEBUG__ && log('dropped submit', error);
  }
}

try {
  onPageView();
} catch (error) {
  __DEBUG__ && log('dropped page view', error);
}

installApi(
  win,
  {
    consent(value: unknown) {
      explicitConsent = { ...explicitConsent, ...pickConsent(value) };
      store.flush();
      return consent();
    },
    setUniqueIdentifier(id: unknown) {
      // LeadTrackr's cap is 255 characters; anything else clears it rather than losing the lead to a 400.
      uniqueIdentifier = typeof id == 'string' && id.length <= 255 ? id : undefined;
    },
    getAttribution(callback?: unknown) {
      const attribution = { attributionData: attributionData(), channelFlow: flow, uniqueIdentifier };
      if (typeof callback == 'function') callback(attribution);
      return attribution;
    },
    send(fields: unknown) {
      if (!fields || typeof fields != 'object') return false;
      // Numbers and booleans become strings and arrays repeated fields, as a <form> would send them; objects are skipped.
      return sendFields(
        Object.entries(fields).flatMap(([name, value]) =>
          ([] as unknown[]).concat(value).map((item): [string, unknown] => [name, typeof item == 'object' ? 0 : item + '']),
        ),
      );
    },
  },
  (name, error) => __DEBUG__ && log('api', name, error),
);

// Capture phase: runs before the page's own handlers can stop propagation.
doc.addEventListener('submit', onSubmit, true);
// A CMP's banner may grant consent without calling the API: write what was held before the page goes.
win.addEventListener('pagehide', () => {
  try {
    store.flush();
  } catch (error) {
    __DEBUG__ && log('dropped flush', error);
  }
});
