import { isIPv4 } from 'node:net';

/** A dual-stack socket reports IPv4 clients as `::ffff:a.b.c.d`; LeadTrackr should see `a.b.c.d`. */
export function normalizeIp(address: string): string {
  const mapped = /^::ffff:(.+)$/i.exec(address);
  return mapped && isIPv4(mapped[1]!) ? mapped[1]! : address;
}
