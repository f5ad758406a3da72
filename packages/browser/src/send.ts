/**
 * Whether the queued lead must stay for the next page view, given the endpoint's answer. Any 2xx
 * acknowledges; 408, 429, 5xx and no readable answer (0: network error, CORS failure, sendBeacon)
 * may succeed later; any other 4xx (400 invalid beacon, 403 origin, 413 too large) never will.
 */
// An arrow, not a function declaration: terser inlines it where it is used (bytes of every script).
export const shouldKeep = (status: number): boolean => !status || status == 408 || status == 429 || status > 499;

/**
 * Sends a beacon body to the endpoint, starting synchronously, so a navigating submit loses
 * nothing. text/plain keeps it a CORS "simple" request: no preflight that navigation could cancel.
 * fetch keepalive first (its status can be read); sendBeacon when fetch is missing or throws.
 * Resolves to the HTTP status, 0 when there is none to read.
 */
export function send(endpoint: string, body: string): Promise<number> {
  try {
    return fetch(endpoint, {
      method: 'POST',
      body,
      keepalive: true,
      // No headers: a string body goes as text/plain;charset=UTF-8 by itself (Fetch spec, "extract a body").
      // The visitor's cookies go along (sendBeacon sends them too): in server mode the endpoint reads
      // and sets them; it answers Access-Control-Allow-Credentials so the status stays readable.
      credentials: 'include',
    }).then(
      (response) => response.status,
      () => 0,
    );
  } catch {
    // Not async: a sendBeacon that throws must throw here, into the caller's guard, not become an unhandled rejection.
    navigator.sendBeacon(endpoint, body);
    return Promise.resolve(0);
  }
}
