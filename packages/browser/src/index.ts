import { installApi } from './api';
import { send } from './send';
import { addEventListener as addListener, matches, readForm } from './read-form';
import type { Beacon } from './beacon';
import { CHUNK_SIGNS } from './chunks';
import { pickFields } from './pick-fields';
import { usesServerCookies } from './cookie-mode';
import { cookieString, readCookies } from './cookie-jar';
import { createCookieStore } from './cookie-store';
import { formNamesOf } from './form-name';
import { fitBeacon, stringify } from './fit-beacon';
import { createDelivery } from './deliver';
import { givenConfig } from './given-config';
import { newEventId } from './id';
import { createQueue } from './queue';
import { readConfig } from './config';
import {
  consentFromCmp,
  consentFromConsentMode,
  findCookieDomain,
  idCookies,
  mergeConsent,
  nextCookies,
  parseFlow,
  pickConsent,
  registrableDomain,
  signalFor,
  urlIds,
  type Consent,
  type FlowEntry,
} from '@leadbeacon/rules';
import { skipReason } from './select-form';
import { attempt, degraded } from './attempt';

declare const __DEBUG__: boolean;
/** True in leadbeacon.server.js, the server-mode-only build: the script-mode code is left out of it. */
declare const __SERVER__: boolean;
/** True in dist/init.js, the ESM build for apps: init() passes the options. */
declare const __ESM__: boolean;

// The only module that touches window/document: wire the pure modules to the page.
// Locals, not properties: esbuild shortens locals only.
const startMs = Date.now();
const win = window as Window & { leadbeacon?: unknown; google_tag_data?: unknown };
const doc = document;
const loc = location;
const script = doc.currentScript;
// The ESM build's init() passes its options as attributes; the script tag's build reads the tag.
const config = readConfig((__ESM__ && givenConfig.get) || ((name) => script && script.getAttribute(name)));

/** A no-op in the minified build, so neither its strings nor the calls handed it survive there. */
const log: (...args: unknown[]) => void = __DEBUG__
  ? (...args) => {
      if (config.debug) console.debug('[leadbeacon]', ...args);
    }
  : () => {};

if (__DEBUG__) degraded.log = log;

// ---- attribution (issue #3) ----
/**
 * Server mode: the endpoint reads the visitor's cookies from a page-view request and sets them in
 * its answer, so the page reads and writes none (Safari caps script-set cookies at 7 days, not
 * server-set ones). Script mode, for an endpoint on another site: the script does both.
 */
// Every test of it reads `__SERVER__ || serverMode`, so the server build's minifier drops the script-mode branches.
// Without an endpoint the script still keeps LeadTrackr's cookies for its tags: script mode.
const serverMode = __SERVER__ || (!!config.endpoint && attempt(() => usesServerCookies(config.cookieMode, new URL(config.endpoint, loc.href).hostname, loc.hostname), false));
let explicitConsent: Consent = {};
let uniqueIdentifier: string | undefined;
let flow: FlowEntry[] = [];
// The server build reads neither (a property read is kept even when unused: it could be a getter).
let domain = __SERVER__ ? undefined : config.cookieDomain;
let hasDomain = !!domain;

const readJar = () => readCookies(doc.cookie);
const isHttps = !__SERVER__ && loc.protocol == 'https:';

/**
 * The page view's one cookie read, for the rest of the script's first run (nothing else can change
 * a cookie before it ends): each read after a write is a blocking round trip. Undefined when
 * cookies are blocked, and once the first run is over.
 */
let pageCookies: Record<string, string> | undefined;

/**
 * Loads a script from beside this one, `-<name>` added to its name (`leadbeacon-forms.js`, the
 * debug view's `leadbeacon-debug.js`): one loader for both, since each byte here is paid on every page view.
 */
function loadBeside(name: string): void {
  // leadbeacon.server.js loads the same leadbeacon-forms.js (a constant per build: the other string is dropped).
  doc.head.append(Object.assign(doc.createElement('script'), { src: (script as HTMLScriptElement).src.replace(__SERVER__ ? '.server.js' : '.js', `-${name}.js`) }));
}

function consent(): Consent {
  // The server build leaves the CMP's cookies to the endpoint, which reads them from the lead's request.
  return mergeConsent(explicitConsent, __SERVER__ ? {} : consentFromCmp(pageCookies || readJar()), consentFromConsentMode(win.google_tag_data));
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
    domain = (pageCookies || readJar()).lb_domain;
    if (!domain) {
      domain = findCookieDomain(loc.hostname, (candidate) => {
        doc.cookie = cookieString('lb_probe', '1', 1, candidate);
        const ok = !!readJar().lb_probe;
        doc.cookie = cookieString('lb_probe', '', -1, candidate);
        return ok;
      });
      if (domain) write('lb_domain', domain, 395);
    }
    __DEBUG__ && log('cookie domain', domain);
  }
  return domain;
}

function write(name: string, value: string, days: number): void {
  doc.cookie = cookieString(name, value, days, cookieDomain(), isHttps);
  __DEBUG__ && log('cookie', name, value);
}

// With data-consent="required", lt_* (the channel flow) waits for analytics_storage and the click ids for ad_storage.
// Never read in the server build, where it is left out with the writes and the domain probe.
const store = __SERVER__
  ? (undefined as never)
  : createCookieStore(
      { all: readJar, set: write },
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
  // A page may have broken URLSearchParams: without the URL's parameters the referrer still gives a channel.
  pageIds = urlIds(attempt(() => new URLSearchParams(loc.search), new Map() as never), cookies, Date.now(), (hasDomain && domain) || registrableDomain(loc.hostname));
  for (const key in pageIds) if (cookies['lb_' + key] != pageIds[key]) store.set('lb_' + key, pageIds[key]!, config.clickIdDays);
}

/**
 * Server mode's page view: what only the page knows, to `<endpoint>?pv`; the answer's Set-Cookie
 * headers carry the cookies. Sent again when consent changes, so what it held back is set.
 */
function pageViewRequest(): void {
  // The URL's click ids, for getAttribution and a parent page's handover to its iframes (the
  // forms chunk); the lead's own are the endpoint's, read from its url. fbc stays the endpoint's:
  // it keeps the HttpOnly cookie of the same fbclid, which the page cannot see. Not in the server
  // build, which leaves the click-id rules to the endpoint (its size goal).
  if (!__SERVER__) {
    const { fbc, ...ids } = urlIds(attempt(() => new URLSearchParams(loc.search), new Map() as never), {}, 0, '');
    pageIds = ids;
  }
  // Only with an endpoint: server mode is never chosen without one.
  pageViewSent = send(
    config.endpoint + '?pv',
    // Deaf to the page's toJSON methods, as the beacon is (fit-beacon.ts): Prototype.js's would send the UTM list as a string.
    stringify({ u: loc.href, r: doc.referrer, q: config.consentRequired, c: explicitConsent, l: consentFromConsentMode(win.google_tag_data), s: config.sessionMinutes, k: config.clickIdDays, d: config.cookieDomain, p: config.utmParams }, (value) => value),
  );
}
/** The page view's request in server mode; its answer says the endpoint is up. */
let pageViewSent: Promise<number> | undefined;

function attributionData(): Record<string, unknown> {
  const data: Record<string, unknown> = { ...(__SERVER__ ? {} : pageIds), conversionPage: (loc.host + loc.pathname).slice(0, 2000) };
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
  // The global, not win.localStorage: the same object, in fewer bytes.
  getItem: (key: string) => localStorage.getItem(key),
  setItem(key: string, value: string) {
    localStorage.setItem(key, value);
    if (!(__SERVER__ || serverMode || config.consentRequired)) doc.cookie = cookieString('lb_q', '1', value == '[]' ? -1 : 7, undefined, isHttps);
  },
};
const delivery = createDelivery(config.endpoint, createQueue(storage), send, __DEBUG__ ? log : undefined);
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
  if (!(__SERVER__ || serverMode)) attempt(store.flush);
  void delivery.deliver(
    id,
    fitBeacon({
      uniqueEventId: id,
      attributionData: attempt(attributionData, {}),
      // Server mode: the endpoint reads them from the request's Cookie header, and this page's click ids from its URL.
      // The server build has no key for what it never sends: none of its bytes.
      ...(__SERVER__
        ? { url: loc.href }
        : {
            cookies: serverMode ? undefined : attempt(() => idCookies(store.all()), {}),
            url: serverMode ? loc.href : undefined,
            // Server mode: none (no page-view work here); the endpoint reads lt_channelflow from the request.
            channelFlow: flow,
          }),
      uniqueIdentifier,
      // Last but pageMs: the chunk's leads may carry a parent page's attribution (frame-chunk.ts).
      ...lead,
      pageMs: Date.now() - startMs,
    }),
  );
}

function captureForm(form: HTMLFormElement): void {
  try {
    if (skipReason(matches.bind(form), config)) return void (__DEBUG__ && log('form not selected', form));
    const picked = pickFields(readForm(form), config.honeypot);
    // A search box or a login form has no contact details: it is not a lead (the endpoint checks precisely).
    submitLead({ ...picked, form: formNamesOf(form) }, form);
  } catch (error) {
    __DEBUG__ && log('dropped submit', error);
  }
}

function onSubmit(event: Event & { lb?: 1 }): void {
  const form = event.target;
  // `lb`: the chunk took this submit over (forms-chunk.ts), to wait for the builder's outcome.
  if (form instanceof HTMLFormElement && !event.lb) captureForm(form);
}

// EventTarget's own (read-form.ts takes it, inherited, from Element.prototype) at start-up: a page may have replaced document.addEventListener.
// Capture phase: runs before the page's own handlers can stop propagation.
const listen = (target: EventTarget, type: string, listener: (event: any) => void) => addListener.call(target, type, listener, true);

// Forms an SPA adds later need nothing more: the listener is on the document.
listen(doc, 'submit', onSubmit);

// A submit event is not composed: one inside a shadow root never reaches the document. Focus and
// clicks are, and come before any submit, so they reveal each shadow root to listen on.
// forEach, not for-of: a page may have broken the array iterator.
// No record of the roots seen: adding the same listener (same function, same capture) again is a
// no-op (DOM spec, "add an event listener"), so each root gets one however often it is revealed.
const revealShadowRoots = (event: Event) =>
  event.composedPath().forEach((node) => node instanceof ShadowRoot && listen(node, 'submit', onSubmit));
listen(doc, 'focusin', revealShadowRoots);
listen(doc, 'click', revealShadowRoots);

// form.submit() fires no submit event (HTML spec); wrap it so those forms are captured too. A page
// may have frozen the prototype: then only the submit events are captured.
const formProto = HTMLFormElement.prototype;
const nativeSubmit = formProto.submit;
attempt(() => {
  formProto.submit = function (this: HTMLFormElement) {
    captureForm(this);
    return nativeSubmit.call(this);
  };
});
// ---- end form capture ----

attempt(__SERVER__ || serverMode ? pageViewRequest : onPageView);
// The scripts beside this one (without a script tag, as in the ESM build, loadBeside throws: none).
// In either mode: the chunk's forms need no cookie work. Runs before the API exists, but the chunk,
// loaded async, runs only after this script. The debug view, loaded only when the page URL asks
// for it: its code never weighs on a page view.
attempt(() => {
  if (doc.querySelector(CHUNK_SIGNS)) loadBeside('forms');
  if (loc.search.includes('leadbeacon_debug')) loadBeside('debug');
});

installApi(
  win,
  {
    consent(value: unknown) {
      explicitConsent = { ...explicitConsent, ...pickConsent(value) };
      __SERVER__ || serverMode ? config.consentRequired && pageViewRequest() : store.flush();
      return consent();
    },
    setUniqueIdentifier(id: unknown) {
      // LeadTrackr's cap is 255 characters; anything else clears it rather than losing the lead to a 400.
      uniqueIdentifier = typeof id == 'string' && id.length <= 255 ? id : undefined;
    },
    getAttribution(callback?: unknown) {
      // What a lead sent now would carry: the endpoint reads gclid, cid, sid … out of `cookies`.
      // Server mode: the flow is the cookie the endpoint set (LeadTrackr's tags read it too: never
      // HttpOnly). The server build reads it as plain JSON: the endpoint writes it compact on every page view.
      const cookies = __SERVER__ ? {} : serverMode ? readJar() : store.all();
      const attribution = {
        attributionData: attributionData(),
        cookies: __SERVER__ ? cookies : idCookies(cookies),
        channelFlow: __SERVER__
          ? attempt(() => JSON.parse(decodeURIComponent(/(?:^|; )lt_channelflow=([^;]*)/.exec(doc.cookie)![1]!)), [])
          : serverMode
            ? parseFlow(cookies.lt_channelflow)
            : flow,
        uniqueIdentifier,
      };
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
    // The chunk's way in (chunks.ts).
    _x: () => submitLead,
  },
  __DEBUG__ ? (name, error) => log('api', name, error) : () => {},
);

// A CMP's banner may grant consent without calling the API: write what was held before the page goes.
if (!(__SERVER__ || serverMode)) listen(win, 'pagehide', () => attempt(store.flush));

// Whatever an earlier page could not deliver goes out again, with its own uniqueEventId. Without
// the page view's cookies (blocked) the marker is unknown: look anyway.
// Server mode has no marker cookie: once the page view's request is answered (the endpoint is up),
// look at the queue, its localStorage read off the script's run and the page's load.
if (__SERVER__ || serverMode) pageViewSent?.then((status) => void (status && delivery.resendPending()));
else if (config.endpoint && (!pageCookies || pageCookies.lb_q || config.consentRequired)) void delivery.resendPending();
// From now on a banner may change the CMP's cookies: read them afresh. (The server build reads none.)
if (!__SERVER__) pageCookies = undefined;
