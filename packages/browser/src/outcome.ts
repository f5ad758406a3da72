/**
 * What form builders say happened to a submission, as events in the page: event name → whether
 * the builder accepted it. Native events (Contact Form 7, HubSpot) and jQuery ones (the others
 * trigger them with jQuery, which native listeners never hear) alike.
 * - Contact Form 7: https://contactform7.com/dom-events/
 * - Gravity Forms: gform_confirmation_loaded; a validation failure re-renders the form (gform_post_render)
 * - WPForms: wpformsAjaxSubmitSuccess / wpformsAjaxSubmitFailed
 * - Elementor Pro: submit_success
 * - Formidable: frmFormComplete / frmFormErrors
 * - Ninja Forms: nfFormSubmitResponse, which also carries the values (ninja.ts): its button fires no submit
 * - HubSpot: https://developers.hubspot.com/docs/api-reference/global-form-events/guide
 */
export const OUTCOMES: Record<string, boolean> = {
  wpcf7mailsent: true,
  wpcf7invalid: false,
  wpcf7spam: false,
  wpcf7mailfailed: false,
  gform_confirmation_loaded: true,
  gform_post_render: false,
  wpformsAjaxSubmitSuccess: true,
  wpformsAjaxSubmitFailed: false,
  submit_success: true,
  frmFormComplete: true,
  frmFormErrors: false,
  nfFormSubmitResponse: true,
  'hs-form-event:on-submission:success': true,
  'hs-form-event:on-submission:failed': false,
};

/** HubSpot's forms when they render in the page: the legacy embed's raw HTML, the current embed's container. */
export const HUBSPOT_FORMS = '.hs-form,.hs-form-frame form';

/** The forms whose builder reports an outcome: their submissions wait for it. */
export const BUILDER_FORMS = '.wpcf7-form,[id^=gform_],.wpforms-form,.elementor-form,.frm-show-form,.nf-form-cont form,' + HUBSPOT_FORMS;

/**
 * How long a submission waits for its builder's word. Contact Form 7 and Gravity Forms answer
 * after the site has sent its notification mail, commonly one to five seconds; past eight a
 * visitor is likely gone, and the lead is sent anyway (leaving the page sends it at once).
 */
export const OUTCOME_WAIT_MS = 8000;

/** What the lead says about it, as the form field `formOutcome` (formData.formOutcome). */
export type Confirmation = 'confirmed' | 'unconfirmed';
