/** Options of `init()`: the script tag's `data-*` attributes, as an app passes them. */
export interface InitOptions {
  /** Where beacons go (`data-endpoint`), e.g. `'/leadbeacon'` or `'https://www.example.com/leadbeacon'`. */
  endpoint: string;
  /** A CSS selector: only forms matching it are captured. @default every form */
  forms?: string;
  /** A CSS selector: forms matching it are never captured. @default none */
  excludeForms?: string;
  /** The honeypot field's name. @default 'lb_hp' */
  honeypot?: string;
  /** The domain of every cookie written. @default the highest domain that accepts a cookie (probed) */
  cookieDomain?: string;
  /** How long a click id seen in the URL is kept, in days. @default 90 */
  clickIdDays?: number;
  /** The session timeout, in minutes. @default 30 */
  sessionMinutes?: number;
  /** `'required'`: write no cookie until storage consent is granted. @default cookies are written at once */
  consent?: 'required';
  /**
   * The URL parameters read as source, medium, campaign, content and term, in that order; an empty
   * place keeps the `utm_` name (LeadTrackr's custom UTM parameters). @default the utm_ names
   */
  utmParams?: string[];
  /**
   * Who sets the attribution cookies: `'server'`, the endpoint (on the page's own site), from a
   * page-view request; `'script'`, the script. @default server when the endpoint shares the page's site, else script
   */
  cookies?: 'server' | 'script';
}

const ATTRIBUTES: Record<string, keyof InitOptions> = {
  'data-endpoint': 'endpoint',
  'data-forms': 'forms',
  'data-exclude-forms': 'excludeForms',
  'data-honeypot': 'honeypot',
  'data-cookie-domain': 'cookieDomain',
  'data-click-id-days': 'clickIdDays',
  'data-session-minutes': 'sessionMinutes',
  'data-consent': 'consent',
  'data-utm-params': 'utmParams',
  'data-cookies': 'cookies',
};

/** `init()`'s options as the script tag's attributes: readConfig validates them alike. */
export function attributesOf(options: InitOptions): (name: string) => string | null {
  return (name) => {
    const key = ATTRIBUTES[name];
    const value = key === undefined ? undefined : options[key];
    // String() joins an array with commas: utmParams as data-utm-params writes it.
    return value === undefined || value === null ? null : String(value);
  };
}
