import Cookies from 'js-cookie';
import { readAttribution } from './attribution';
import type { Beacon } from './beacon';
import { readConfig } from './config';
import { collectFields } from './forms';
import { newEventId } from './id';
import { send } from './send';

declare const __DEBUG__: boolean;

// The only module that touches window/document: wire the pure modules to the page.
const doc = document;
const loc = location;
const script = doc.currentScript;
const config = readConfig((name) => script && script.getAttribute(name));

function log(...args: unknown[]): void {
  if (__DEBUG__) console.debug('[leadbeacon]', ...args);
}

function onSubmit(event: Event): void {
  try {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !config.endpoint) return;
    const { userData, formData } = collectFields(new FormData(form));
    const beacon: Beacon = {
      uniqueEventId: newEventId(),
      userData,
      attributionData: readAttribution(loc.search, Cookies.get()),
      formData,
    };
    send(config.endpoint, JSON.stringify(beacon));
  } catch (error) {
    log('dropped submit', error);
  }
}

// Capture phase: runs before the page's own handlers can stop propagation.
doc.addEventListener('submit', onSubmit, true);
