// Second-level labels under which a site registers one level deeper (example.co.uk), per LeadTrackr's rule.
const SECOND_LEVEL = /^(co|com|org|net|gov|edu|ac|mil)$/;

/**
 * A host's registrable domain by LeadTrackr's rule (../shared/reference/leadtrackr.md): the last two
 * labels, or the last three when the second-to-last is a common second-level label.
 */
export function registrableDomain(host: string): string {
  // location.hostname and URL.hostname are lowercase already.
  const labels = host.split('.');
  return labels.slice(SECOND_LEVEL.test(labels[labels.length - 2]!) ? -3 : -2).join('.');
}

/**
 * The highest domain that accepts a cookie: tries `co.uk`, then `example.co.uk`, then … up to the
 * host itself, as GA and LeadTrackr's tag do. Undefined (a host-only cookie) for IP addresses and
 * single-label hosts such as localhost, where a Domain attribute is refused.
 */
export function findCookieDomain(host: string, canSet: (domain: string) => boolean): string | undefined {
  if (/^[\d.]+$|:/.test(host)) return undefined;
  const labels = host.split('.');
  for (let i = 2; i <= labels.length; i++) {
    const domain = labels.slice(-i).join('.');
    if (canSet(domain)) return domain;
  }
  return undefined;
}
