import Cookies from 'js-cookie';
import { readAttribution } from './attribution';
import type { Beacon } from './beacon';
import { readConfig } from './config';
import { createDelivery } from './deliver';
import { fitBeacon } from './fit-beacon';
import { formNameOf } from './form-name';
import { collectFields, type Collected } from './forms';
import { newEventId } from './id';
import { createQueue } from './queue';
import { readForm } from './read-form';
import { shouldCapture } from './select-form';
import { send } from './send';

declare const __DEBUG__: boolean;

// The only module that touches window/document: wire the pure modules to the page.
const startMs = Date.now();
const win = window;
const doc = document;
const loc = location;
const script = doc.currentScript;
const config = readConfig((name) => script && script.getAttribute(name));

function log(...args: unknown[]): void {
  if (__DEBUG__) console.debug('[leadbeacon]', ...args);
}

/** Runs `fn`; a browser that blocks storage or cookies throws on access, which must not cost the lead. */
function attempt<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch (error) {
    if (__DEBUG__) log('degraded', error);
    return fallback;
  }
}

const delivery = createDelivery(config.endpoint, createQueue(attempt(() => win.localStorage, undefined)), send, log);
// One uniqueEventId per form per page: a resubmit after a validation error, a double click or a
// submit event followed by form.submit() update one lead.
const eventIds = new Map<unknown, string>();

/**
 * The one path every lead takes (forms and the JS API): build the beacon, queue it, send it.
 * `formKey` identifies the form on this page; the same key keeps the same uniqueEventId.
 */
export function submitLead({ userData, formData, uniqueIdentifier, hp }: Collected, formKey: unknown): void {
  if (!config.endpoint) return void (__DEBUG__ && log('no data-endpoint'));
  let id = eventIds.get(formKey);
  if (!id) eventIds.set(formKey, (id = newEventId()));
  const beacon: Beacon = {
    uniqueEventId: id,
    userData,
    attributionData: attempt(() => readAttribution(loc.search, Cookies.get()), {}),
    formData,
    pageMs: Date.now() - startMs,
  };
  if (uniqueIdentifier) beacon.uniqueIdentifier = uniqueIdentifier;
  if (hp != null) beacon.hp = hp;
  void delivery.deliver(id, fitBeacon(beacon));
}

function captureForm(form: HTMLFormElement): void {
  try {
    if (!shouldCapture(form, config)) return void (__DEBUG__ && log('form not selected', form));
    const collected = collectFields(readForm(form), config.honeypot);
    // A search box or a login form has no contact details: it is not a lead.
    if (!Object.keys(collected.userData).length && !collected.uniqueIdentifier) return void (__DEBUG__ && log('no contact fields', form));
    collected.formData.formName = formNameOf(form);
    submitLead(collected, form);
  } catch (error) {
    if (__DEBUG__) log('dropped submit', error);
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

// Whatever an earlier page could not deliver goes out again, with its own uniqueEventId.
if (config.endpoint) void delivery.resendPending();
