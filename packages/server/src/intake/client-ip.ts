import ipaddr from 'ipaddr.js';
import { isIP, isIPv4 } from 'node:net';
import proxyaddr from 'proxy-addr';

/**
 * Which proxies in front of the endpoint to believe about X-Forwarded-For, with Express's
 * `trust proxy` semantics (https://expressjs.com/en/guide/behind-proxies.html): `false` the socket
 * only, `true` every hop, a number of hops, addresses/subnets/`loopback`/`linklocal`/`uniquelocal`
 * (a comma-separated string or an array), or a function `(address, hop) => boolean`.
 */
export type TrustProxy = boolean | number | string | readonly string[] | ((address: string, hop: number) => boolean);

/** Derives the visitor's IP from the connection's peer address and the forwarding headers. */
export type ClientIpResolver = (peerAddress: string, forwardedFor: string | undefined) => string;

/**
 * Compiles `trustProxy` once (proxy-addr); throws a TypeError for a value proxy-addr refuses.
 * `onIgnoredForwardedFor` is called once, the first time X-Forwarded-For arrives while no proxy is
 * trusted: behind a proxy that means every visitor shares the proxy's IP and its rate limit
 * (express-rate-limit warns the same way, ERR_ERL_UNEXPECTED_X_FORWARDED_FOR).
 */
export function createClientIpResolver(trustProxy: TrustProxy, onIgnoredForwardedFor?: () => void): ClientIpResolver {
  const trust = compileTrust(trustProxy);
  const finish = normalizeIp;
  if (trustProxy === false) {
    let warned = !onIgnoredForwardedFor;
    return (peer, forwardedFor) => {
      if (forwardedFor && !warned) {
        warned = true;
        onIgnoredForwardedFor!();
      }
      return finish(peer);
    };
  }

  return (peer, forwardedFor) => {
    const headers = { 'x-forwarded-for': forwardedFor ? stripPorts(forwardedFor) : '' };
    // proxy-addr stops at the first untrusted hop; a garbage entry is untrusted, so it can come back
    // as "the client": take the nearest real address instead.
    const chain = proxyaddr.all({ socket: { remoteAddress: peer }, headers } as never, trust);
    for (let i = chain.length - 1; i >= 0; i--) if (isIP(chain[i]!)) return finish(chain[i]!);
    return finish(peer);
  };
}

function compileTrust(value: TrustProxy): (address: string, hop: number) => boolean {
  if (typeof value == 'function') return value;
  if (value === true) return () => true;
  if (value === false) return () => false;
  if (typeof value == 'number') {
    if (!Number.isInteger(value) || value < 0) throw new TypeError(`Expected \`trustProxy\` hops to be a non-negative integer, got ${value}`);
    return (_address, hop) => hop < value;
  }
  const list = typeof value == 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : [...value];
  try {
    return proxyaddr.compile(list);
  } catch (error) {
    throw new TypeError(`Expected \`trustProxy\` to hold addresses, subnets or proxy-addr names: ${(error as Error).message}`);
  }
}

/** Some proxies (Azure, some CDNs) append the client's port: `203.0.113.7:4711`, `[2001:db8::1]:443`. */
function stripPorts(header: string): string {
  return header
    .split(',')
    .map((entry) => {
      const value = entry.trim();
      const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
      if (bracketed) return bracketed[1]!;
      const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(value);
      return v4 ? v4[1]! : value;
    })
    .join(', ');
}

/** A dual-stack socket reports IPv4 clients as `::ffff:a.b.c.d`; LeadTrackr should see `a.b.c.d`. */
export function normalizeIp(address: string): string {
  const mapped = /^::ffff:(.+)$/i.exec(address);
  return mapped && isIPv4(mapped[1]!) ? mapped[1]! : address;
}

/**
 * Truncates an address as Google Analytics' IP anonymisation does: the last IPv4 octet and the
 * last 80 bits of IPv6 become zero (203.0.113.7 → 203.0.113.0, 2001:db8:1:2::3 → 2001:db8:1::).
 */
export function anonymizeIp(address: string): string {
  if (!ipaddr.isValid(address)) return '';
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') {
    const octets = (parsed as ipaddr.IPv4).octets;
    return [...octets.slice(0, 3), 0].join('.');
  }
  const parts = (parsed as ipaddr.IPv6).parts;
  return new ipaddr.IPv6([...parts.slice(0, 3), 0, 0, 0, 0, 0]).toString();
}
