/** What the site owner set on the script tag, resolved once at load. */
export interface Config {
  /** `data-endpoint`: where beacons go. Required; without it nothing is sent. */
  endpoint: string;

  // Form capture (issue #4).
  /** `data-forms`: a CSS selector; only forms matching it are captured. @default '' (every form) */
  forms: string;
  /** `data-exclude-forms`: a CSS selector; forms matching it are never captured. @default '' */
  excludeForms: string;
  /** `data-honeypot`: the name of the honeypot field, sent as `hp`, never in formData. @default 'lb_hp' */
  honeypot: string;
}

/** Reads the script tag's `data-*` attributes through `get` (e.g. `script.getAttribute`). */
export function readConfig(get: (name: string) => string | null): Config {
  return {
    endpoint: get('data-endpoint') || '',
    forms: get('data-forms') || '',
    excludeForms: get('data-exclude-forms') || '',
    honeypot: get('data-honeypot') || 'lb_hp',
  };
}
