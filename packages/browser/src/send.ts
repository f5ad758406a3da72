/**
 * Sends a beacon body to the endpoint, synchronously, so a navigating submit loses nothing.
 * text/plain keeps it a CORS "simple" request: no preflight that navigation could cancel.
 * fetch keepalive first (its response can be read), sendBeacon when fetch is missing or throws.
 */
export function send(endpoint: string, body: string): boolean {
  try {
    fetch(endpoint, {
      method: 'POST',
      body,
      keepalive: true,
      headers: { 'content-type': 'text/plain' },
      credentials: 'omit',
    }).catch(() => {});
    return true;
  } catch {
    return navigator.sendBeacon?.(endpoint, body) ?? false;
  }
}
