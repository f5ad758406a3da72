import { registrableDomain } from '@leadbeacon/rules';

/**
 * Whether the endpoint sets the attribution cookies (server mode): forced by `data-cookies`, else
 * when the endpoint is on the page's own site, the same host or the same registrable domain, where
 * a cookie in its answer is first-party. Hosts ending in a digit or `]` are IP addresses: one
 * site only with themselves.
 */
export function usesServerCookies(mode: string | undefined, endpointHost: string, pageHost: string): boolean {
  return mode ? mode == 'server' : endpointHost == pageHost || (/[a-z]$/.test(pageHost) && registrableDomain(endpointHost) == registrableDomain(pageHost));
}
