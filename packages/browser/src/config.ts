declare const __DEBUG__: boolean;
declare const __SERVER__: boolean;

/** What the site owner set on the script tag, resolved once at load. */
export interface Config {
  /** `data-endpoint`: where beacons go. Required; without it nothing is sent. */
  endpoint: string;

  // Attribution (issue #3).
  /** `data-cookie-domain`: the domain of every cookie the script writes. @default the highest domain that accepts a cookie (probed) */
  cookieDomain: string | undefined;
  /** `data-click-id-days`: lifetime of the script's own click-id cookies. @default 90 (the ad platforms' usual window) */
  clickIdDays: number;
  /** `data-session-minutes`: lifetime of `lt_session`, i.e. the session timeout. @default 30 (LeadTrackr's) */
  sessionMinutes: number;
  /**
   * `data-utm-params`: the URL parameters read as source, medium, campaign, content and term,
   * comma-separated in that order; an empty place keeps the `utm_` name (LeadTrackr's custom UTM
   * parameters). @default utm_source,utm_medium,utm_campaign,utm_content,utm_term
   */
  utmParams: string[];
  /**
   * `data-cookies`: who sets the attribution cookies. `server`: the endpoint, from a page-view
   * request (it must be on the page's own site); `script`: the script. @default '' (server when the
   * endpoint's host is the page's or shares its registrable domain, else script). Never set in the
   * server build (server mode only): the key costs bytes there.
   */
  cookieMode?: string;
  /** `data-consent="required"`: write no cookie until storage consent is granted. @default false */
  consentRequired: boolean;
  /** `data-debug`: print each step to the console; only the debug build has the code for it, or the key. @default false */
  debug?: boolean;

  // Form capture (issue #4).
  /** `data-forms`: a CSS selector; only forms matching it are captured. @default '' (every form) */
  forms: string;
  /** `data-exclude-forms`: a CSS selector; forms matching it are never captured. @default '' */
  excludeForms: string;
  /** `data-honeypot`: the name of the honeypot field, sent as `hp`, never in formData. @default 'lb_hp' */
  honeypot: string;
}

/** The part of the config form capture reads: all that leadbeacon-forms.js uses of it. */
export type FormConfig = Pick<Config, 'forms' | 'excludeForms' | 'honeypot'>;

/** Reads the script tag's `data-*` attributes through `get` (e.g. `script.getAttribute`). */
export function readConfig(get: (name: string) => string | null): Config {
  return {
    endpoint: get('data-endpoint') || '',
    cookieDomain: get('data-cookie-domain') || undefined,
    clickIdDays: positive(get('data-click-id-days'), 90),
    sessionMinutes: positive(get('data-session-minutes'), 30),
    utmParams: (get('data-utm-params') || '').split(/ *, */),
    // The server build is server mode only: the attribute is not read there, nor the key written.
    ...(!__SERVER__ && { cookieMode: get('data-cookies') || '' }),
    consentRequired: get('data-consent') == 'required',
    // Absent from the minified builds (no key, so no bytes): the debug branches and their strings vanish.
    ...(__DEBUG__ && { debug: get('data-debug') != null && get('data-debug') != 'false' }),
    forms: get('data-forms') || '',
    excludeForms: get('data-exclude-forms') || '',
    honeypot: get('data-honeypot') || 'lb_hp',
  };
}

/** A positive number, or the default when the attribute is missing or not a positive number. */
function positive(value: string | null, fallback: number): number {
  // +null and +'' are 0: no separate check for a missing attribute.
  const n = +value!;
  return n > 0 ? n : fallback;
}
