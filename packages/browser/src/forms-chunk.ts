// The chunk's forms part (chunks.ts): submissions of form builders that report their outcome wait
// for it, and HubSpot's own APIs deliver the forms a document listener never sees.
import type { Submit } from './chunks';
import type { FormConfig } from './config';
import { formNamesOf } from './form-name';
import { createHolds, type HeldLead } from './hold';
import { isHubSpotOrigin, legacySubmission, toFields } from './hubspot';
import { ninjaSubmission } from './ninja';
import { BUILDER_FORMS, HUBSPOT_FORMS, OUTCOME_WAIT_MS, OUTCOMES } from './outcome';
import { pickFields } from './pick-fields';
import { isBuilderToken } from './builder-token';
import { matches, readForm } from './read-form';
import { skipReason } from './select-form';
import type { Field } from './beacon';

interface HubSpotForm {
  getFormId(): string;
  getFormFieldValues(): unknown;
}
type Page = Window & {
  jQuery?: (target: unknown) => { on(types: string, handler: (event: Event, data?: unknown) => void): unknown };
  HubSpotFormsV4?: { getFormFromEvent(event: Event): HubSpotForm | undefined };
};

const HUBSPOT_SUCCESS = 'hs-form-event:on-submission:success';
const NINJA_RESPONSE = 'nfFormSubmitResponse';

/** Wires the builders' outcome events and HubSpot's APIs to the script's lead path. */
export function startForms(submit: Submit, script: Element, config: FormConfig): void {
  const win = window as Page;
  const holds = createHolds(submit, +script.getAttribute('data-outcome-wait-ms')! || OUTCOME_WAIT_MS);
  const isHubSpotForm = (form: Element) => form.matches(HUBSPOT_FORMS);
  let hasJQuery = false;

  // HubSpot's events go to the window, which would settle every held form: only HubSpot's are its.
  const onOutcome = (event: Event) => void holds.settle(event.target as Node, OUTCOMES[event.type]!, event.type.startsWith('hs-') ? isHubSpotForm : undefined);

  /** A submission the builder reports with its values (no submit event was seen): one lead per form, confirmed. */
  const submitReported = (fields: Field[], form: HeldLead['form'], key: string) => {
    const lead: HeldLead = { ...pickFields(fields.filter((field) => !isBuilderToken(field)), config.honeypot), form };
    lead.fields.push({ n: 'formOutcome', v: ['confirmed'] });
    submit(lead, key);
  };

  /** A HubSpot success: the held in-page form it confirms, else the values HubSpot reports. */
  const onHubSpotSuccess = (id: string, fields: Field[]) => {
    // No target: HubSpot names the form, not an element of this page.
    if (!holds.settle({}, true, isHubSpotForm)) submitReported(fields, { i: 'hsForm_' + id }, 'hubspot:' + id);
  };

  /** Ninja Forms' answer, the only sign of its submissions: a refused one is no lead. */
  const onNinjaResponse = (data: unknown) => {
    const submission = ninjaSubmission(data);
    if (submission?.accepted) submitReported(submission.fields, { n: submission.title, i: 'nf-form-' + submission.id }, 'ninja:' + submission.id);
  };

  const bindJQuery = () => {
    hasJQuery = true;
    win.jQuery!(document).on(Object.keys(OUTCOMES).filter((name) => name != HUBSPOT_SUCCESS).join(' '), (event: Event, data?: unknown) => {
      try {
        if (event.type == NINJA_RESPONSE) onNinjaResponse(data);
        else onOutcome(event);
      } catch {
        // An answer of another shape costs this lead, never the page.
      }
    });
  };
  // Ninja Forms fires no submit event: listen from the start, or once the page has loaded a late jQuery.
  if (win.jQuery) bindJQuery();
  else win.addEventListener('load', () => !hasJQuery && win.jQuery && bindJQuery());

  // Window, capture phase: runs before the script's own document listener, which `lb` tells to leave this submit alone.
  win.addEventListener(
    'submit',
    (event: Event & { lb?: 1 }) => {
      try {
        const form = event.target;
        if (form instanceof HTMLFormElement && form.matches(BUILDER_FORMS) && !skipReason(matches.bind(form), config)) {
          event.lb = 1;
          // Gravity Forms replaces the form after a failed validation: its id keeps the resubmit on one lead.
          const fields = readForm(form).filter((field) => !isBuilderToken(field));
          holds.hold(form, { ...pickFields(fields, config.honeypot), form: formNamesOf(form) }, form.id ? '#' + form.id : form);
          // Builders that use jQuery load it before any submit; its events reach only its own listeners.
          if (!hasJQuery && win.jQuery) bindJQuery();
        }
      } catch {
        // The script's own listener is not told to skip: the submit is captured as any form's.
      }
    },
    true,
  );

  // Window, bubble phase, after every handler: a submit no builder cancelled (nor sent into a frame
  // of the page, as Gravity Forms' AJAX does) navigates, so no outcome will come: send it now, as any form's.
  win.addEventListener('submit', (event: Event & { lb?: 1 }) => {
    const form = event.target as HTMLFormElement;
    if (event.lb && !event.defaultPrevented && (!form.target || form.target[0] == '_')) holds.send(form);
  });

  for (const name in OUTCOMES) {
    win.addEventListener(name, (event) => {
      try {
        if (name != HUBSPOT_SUCCESS) return onOutcome(event);
        // The current embed: the values come from HubSpot's forms API on the page.
        const form = win.HubSpotFormsV4?.getFormFromEvent(event);
        if (form) void Promise.resolve(form.getFormFieldValues()).then((values) => onHubSpotSuccess(form.getFormId(), toFields(values)), () => {});
      } catch {
        // A HubSpot API that changed shape costs this lead, never the page.
      }
    });
  }

  // The legacy embed posts its callbacks as messages, from the page or HubSpot's hosts only.
  win.addEventListener('message', (event) => {
    try {
      const submission = isHubSpotOrigin(event.origin, location.origin) && legacySubmission(event.data);
      if (submission) onHubSpotSuccess(submission.id, submission.fields);
    } catch {
      // Same as above.
    }
  });

  // Leaving the page before the builder answered: send what waits, unconfirmed.
  win.addEventListener('pagehide', holds.flush);
}
