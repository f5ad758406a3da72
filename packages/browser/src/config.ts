/** What the site owner set on the script tag, resolved once at load. */
export interface Config {
  /** `data-endpoint`: where beacons go. Required; without it nothing is sent. */
  endpoint: string;
}

/** Reads the script tag's `data-*` attributes through `get` (e.g. `script.getAttribute`). */
export function readConfig(get: (name: string) => string | null): Config {
  return { endpoint: get('data-endpoint') || '' };
}
