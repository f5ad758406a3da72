import Cookies from 'js-cookie';
import { installApi } from './api';
import {
  consentFromCmp,
  consentFromDataLayer,
  decodeCookie,
  findCookieDomain,
  idCookies,
  mergeConsent,
  nextCookies,
  pickConsent,
  registrableDomain,
  signalFor,
  urlIds,
  type Consent,
  type FlowEntry,
} from '@leadbeacon/rules';
import type { Beacon } from './beacon';
import { readConfig } from './config';
import { createCookieStore } from './cookie-store';
import { createDelivery } from './deliver';
import { fitBeacon } from './fit-beacon';
import { formNamesOf } from './form-name';
import { givenConfig } from './given-config';
import { newEventId } from './id';
import { createQueue } from './queue';
import { pickFields } from './pick-fields';
import { readForm } from './read-form';
import { skipReason } from './select-form';
import { send } from './send';

declare const __DEBUG__: boolean;
declare const __ESM__: boolean;

// The only module that touches window/document: wire the pure modules to the page.
// Locals, not properties: esbuild shortens locals only.
const startMs = Date.now();
const win = window as Window & { leadbeacon?: unknown; dataLayer?: unknown };
const doc = document;
const loc = location;
const script = doc.currentScript;
// The ESM build's init() passes its options as attributes; the script tag's build reads the tag.
const config = readConfig((__ESM__ && givenConfig.get) || ((name) => script && script.getAttribute(name)));
const params = new URLSearchParams(loc.search);

/** A no-op in the minified build, so neither its strings nor the calls handed it survive there. */
const log: (...args: unknown[]) => void = __DEBUG__
  ? (...args) => {
      if (config.debug) console.debug('[leadbeacon]', ...args);
    }
  : () => {};

/** Runs `fn`; a browser that blocks storage or cookies throws on access, which must not cost the lead. */
function attempt<T>(fn: () => T, fallback: T): T;
function attempt(fn: () => unknown): void;
function attempt<T>(fn: () => T, fallback?: T): T | undefined {
  try {
    return fn();
  } catch (error) {
    __DEBUG__ && log('degraded', error);
    return fallback;
  }
}

// ---- attribution (issue #3) ----
let explicitConsent: Consent = {};
let uniqueIdentifier: string | undefined;
let flow: FlowEntry[] = [];
let domain = config.cookieDomain;
let hasDomain = !!domain;

/**
 * The script's one js-cookie instance (a second would only repeat the options). Values are
 * URL-encoded in full, as LeadTrackr's tags write them, not in js-cookie's readable subset, and
 * read as LeadTrackr's GTM tag reads them (decodeCookie): js-cookie's own read would drop a cookie
 * with a broken escape, such as an older LeadBot's raw JSON `lt_channelflow`.
 */
const jar = Cookies.withConverter<string>({ read: decodeCookie, write: encodeURIComponent });

/**
 * The page view's one cookie read, for the rest of the script's first run (nothing else can change
 * a cookie before it ends): each read after a write is a blocking round trip. Undefined when
 * cookies are blocked, and once the first run is over.
 */
let pageCookies: Record<string, string> | undefined;

function consent(): Consent {
  return mergeConsent(explicitConsent, consentFromCmp(pageCookies || jar.get()), consentFromDataLayer(win.dataLayer));
}

/**
 * The highest domain that takes a cookie, resolved at the first write (a probe is a write too).
 * Probed once, then remembered in `lb_domain`, which the page view takes from its one cookie read:
 * in Chromium a cookie read after a write is a blocking round trip, so a probe on every page view
 * would cost more than the rest of the script.
 */
function cookieDomain(): string | undefined {
  if (!hasDomain) {
    hasDomain = true;
    domain = (pageCookies || jar.get()).lb_domain;
    if (!domain) {
      domain = findCookieDomain(loc.hostname, (candidate) => {
        jar.set('lb_probe', '1', { domain: candidate });
        const ok = !!jar.get('lb_probe');
        jar.remove('lb_probe', { domain: candidate });
        return ok;
      });
      if (domain) write('lb_domain', domain, 395);
    }
    __DEBUG__ && log('cookie domain', domain);
  }
  return domain;
}

function write(name: string, value: string, days: number): void {
  // path=/ is js-cookie's default attribute, kept by withConverter.
  jar.set(name, value, { expires: days, domain: cookieDomain(), sameSite: 'Lax', secure: loc.protocol == 'https:' });
  __DEBUG__ && log('cookie', name, value);
}

// With data-consent="required", lt_* (the channel flow) waits for analytics_storage and the click ids for ad_storage.
const store = createCookieStore(
  { all: () => jar.get(), set: write },
  (name) => !config.consentRequired || consent()[signalFor(name)] == 'granted',
);

// The click ids this page's URL brought (and fbc): set at the page view, sent with every lead from this page.
let pageIds: Record<string, string> = {};

function onPageView(): void {
  // The page view's only cookie read (see cookieDomain).
  const cookies = (pageCookies = store.all());
  const next = nextCookies({
    flowCookie: cookies.lt_channelflow,
    sessionCookie: cookies.lt_session,
    url: loc.href,
    referrer: doc.referrer,
    nowMs: Date.now(),
    utmParams: config.utmParams,
  });
  flow = next.flow;
  // LeadTrackr's cookies and lifetimes (../shared/reference/leadtrackr.md): 395 days, the session timeout.
  store.set('lt_channelflow', next.flowCookie, 395);
  store.set('lt_session', next.sessionCookie, config.sessionMinutes / 1440);
  // After the writes above, so fbc's subdomain index sees the probed domain.
  pageIds = urlIds(params, cookies, Date.now(), (hasDomain && domain) || registrableDomain(loc.hostname));
  for (const key in pageIds) if (cookies['lb_' + key] != pageIds[key]) store.set('lb_' + key, pageIds[key]!, config.clickIdDays);
}

function attributionData(): Record<string, unknown> {
  const data: Record<string, unknown> = { ...pageIds };
  data.conversionPage = (loc.host + loc.pathname).slice(0, 2000);
  const signals = consent();
  if (Object.keys(signals).length) data.consent = signals;
  return data;
}
// ---- end attribution ----

// ---- form capture and delivery (issue #4) ----
/**
 * localStorage, touched only when a lead is queued or a queued one may wait: in Chromium the first
 * access of a page is a blocking round trip. The host-only cookie `lb_q` marks an origin whose queue
 * holds leads (localStorage is per origin too). With data-consent="required" it is never written,
 * so the queue is read on every page view. A throwing storage degrades the queue to memory.
 */
const storage = {
  getItem: (key: string) => win.localStorage.getItem(key),
  setItem(key: string, value: string) {
    win.localStorage.setItem(key, value);
    if (!config.consentRequired) jar.set('lb_q', '1', { expires: value == '[]' ? -1 : 7, sameSite: 'Lax', secure: loc.protocol == 'https:' });
  },
};
const delivery = createDelivery(config.endpoint, createQueue(storage), send, log);
// One uniqueEventId per form per page: a resubmit after a validation error, a double click or a
// submit event followed by form.submit() update one lead.
const eventIds = new Map<unknown, string>();

/**
 * The one path every lead takes (forms and the JS API): build the beacon, queue it, send it.
 * `formKey` identifies the form on this page; the same key keeps the same uniqueEventId.
 * The endpoint maps the fields (packages/server/src/lead/fields.ts); undefined keys vanish in JSON.
 */
function submitLead(lead: Pick<Beacon, 'fields' | 'hp' | 'form'>, formKey: unknown): void {
  if (!config.endpoint) return void (__DEBUG__ && log('no data-endpoint'));
  let id = eventIds.get(formKey);
  if (!id) eventIds.set(formKey, (id = newEventId()));
  // Consent granted since the page view: write what was held back before the page may go.
  attempt(store.flush, undefined);
  void delivery.deliver(
    id,
    fitBeacon({
      uniqueEventId: id,
      ...lead,
      attributionData: attempt(attributionData, {}),
      cookies: attempt(() => idCookies(store.all()), {}),
      channelFlow: flow,
      uniqueIdentifier,
      pageMs: Date.now() - startMs,
    }),
  );
}

function captureForm(form: HTMLFormElement): void {
  try {
    if (skipReason(form, config)) return void (__DEBUG__ && log('form not selected', form));
    const picked = pickFields(readForm(form), config.honeypot);
    // A search box or a login form has no contact details: it is not a lead (the endpoint checks precisely).
    submitLead({ ...picked, form: formNamesOf(form) }, form);
  } catch (error) {
    __DEBUG__ && log('dropped submit', error);
  }
}

function onSubmit(event: Event): void {
  const form = event.target;
  if (form instanceof HTMLFormElement) captureForm(form);
}

// Capture phase: runs before the page's own handlers can stop propagation. Forms an SPA adds
// later need nothing more: the listener is on the document.
doc.addEventListener('submit', onSubmit, true);

// A submit event is not composed: one inside a shadow root never reaches the document. Focus and
// clicks are, and come before any submit, so they reveal each shadow root to listen on.
const shadowRoots = new WeakSet<ShadowRoot>();
for (const type of ['focusin', 'click']) {
  doc.addEventListener(
    type,
    (event) => {
      for (const node of event.composedPath()) {
        if (node instanceof ShadowRoot && !shadowRoots.has(node)) {
          shadowRoots.add(node);
          node.addEventListener('submit', onSubmit, true);
        }
      }
    },
    true,
  );
}

// form.submit() fires no submit event (HTML spec); wrap it so those forms are captured too.
const formProto = HTMLFormElement.prototype;
const nativeSubmit = formProto.submit;
formProto.submit = function (this: HTMLFormElement) {
  captureForm(this);
  return nativeSubmit.call(this);
};
// ---- end form capture ----

attempt(onPageView);

// The debug view is a script of its own beside this one (`-debug` added to its name), loaded only
// when the page URL asks for it: its code never weighs on a page view.
if (script && loc.search.includes('leadbeacon_debug')) doc.head.append(Object.assign(doc.createElement('script'), { src: (script as HTMLScriptElement).src.replace('.js', '-debug.js') }));

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
      // What a lead sent now would carry: the endpoint reads gclid, cid, sid … out of `cookies`.
      const attribution = { attributionData: attributionData(), cookies: idCookies(store.all()), channelFlow: flow, uniqueIdentifier };
      if (typeof callback == 'function') callback(attribution);
      return attribution;
    },
    send(fields: unknown) {
      if (!fields || typeof fields != 'object' || !config.endpoint) return false;
      // Numbers and booleans become strings and arrays repeated values, as a <form> would send them; objects are skipped.
      const list = Object.entries(fields).map(([n, value]) => ({
        n,
        v: ([] as unknown[]).concat(value).flatMap((item) => (typeof item == 'object' ? [] : [item + ''])),
      }));
      // The same object sent again updates the same lead, as a resubmitted form does.
      submitLead(pickFields(list, config.honeypot), fields);
      return true;
    },
  },
  (name, error) => __DEBUG__ && log('api', name, error),
);

// A CMP's banner may grant consent without calling the API: write what was held before the page goes.
win.addEventListener('pagehide', () => attempt(store.flush));

// Whatever an earlier page could not deliver goes out again, with its own uniqueEventId. Without
// the page view's cookies (blocked) the marker is unknown: look anyway.
if (config.endpoint && (!pageCookies || pageCookies.lb_q || config.consentRequired)) void delivery.resendPending();
// From now on a banner may change the CMP's cookies: read them afresh.
pageCookies = undefined;
