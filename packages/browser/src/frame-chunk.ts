// The chunk's frame part (chunks.ts): a page and the cross-origin iframes it embeds, both running the
// script with each other's origin in `data-frame-origins`, hand the parent's attribution to the
// iframe, so a lead sent from the iframe carries the visit's click ids, channel flow, conversion
// page and consent. Each side talks only to the origins on its own list.
import type { Submit } from './chunks';
import { formNamesOf } from './form-name';
import { frameOrigins, pickAttribution } from './frame-origins';
import { pickFields } from './pick-fields';
import type { FormConfig } from './config';
import { matches, readForm } from './read-form';
import { skipReason } from './select-form';

const ASK = 'leadbeacon:attribution?';
const GIVE = 'leadbeacon:attribution';

/**
 * Hands the page's attribution to the listed origins' iframes, and takes the parent's when
 * listed: `inherit` sets it on every lead the chunk sends, and the chunk then sends this page's
 * forms itself (the builders' forms it already holds).
 */
export function startFrames(submit: Submit, inherit: (attribution: object) => void, script: Element, api: (name: string) => unknown, config: FormConfig): void {
  const win = window;
  const origins = frameOrigins(script.getAttribute('data-frame-origins'));
  if (!origins[0]) return;
  let isInherited = false;
  const parent = win.parent;
  const give = (target: MessageEventSource, origin: string) =>
    (target as Window).postMessage({ leadbeacon: GIVE, attribution: api('getAttribution') }, origin);

  win.addEventListener('message', (event) => {
    try {
      if (!origins.includes(event.origin)) return;
      const data = Object(event.data);
      // As the parent: answer a frame on the list that asks.
      if (data.leadbeacon == ASK && event.source) give(event.source, event.origin);
      // As the iframe: take it only from the window that embeds this one.
      if (data.leadbeacon == GIVE && event.source == parent && parent != win) {
        const attribution = pickAttribution(data.attribution);
        if (attribution) {
          inherit(attribution);
          isInherited = true;
        }
      }
    } catch {
      // A message of another shape: not ours.
    }
  });

  // As the iframe with the parent's attribution: a form's submit goes out through the chunk, which
  // sets it (window, capture phase: before the script's own listener, which `lb` tells to skip).
  win.addEventListener(
    'submit',
    (event: Event & { lb?: 1 }) => {
      try {
        const form = event.target;
        if (isInherited && !event.lb && form instanceof HTMLFormElement && !skipReason(matches.bind(form), config)) {
          event.lb = 1;
          submit({ ...pickFields(readForm(form), config.honeypot), form: formNamesOf(form) }, form);
        }
      } catch {
        // Not told to skip: the script captures it, with the iframe's own attribution.
      }
    },
    true,
  );

  // As the iframe: ask; postMessage delivers only to the listed origin the parent really has.
  if (parent != win) for (const origin of origins) parent.postMessage({ leadbeacon: ASK }, origin);

  // As the parent: an iframe whose script ran first asked before this listener existed.
  for (const frame of document.querySelectorAll('iframe')) {
    try {
      const { origin } = new URL(frame.src);
      if (origins.includes(origin) && frame.contentWindow) give(frame.contentWindow, origin);
    } catch {
      // No src, or not a URL.
    }
  }
}
