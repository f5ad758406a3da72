import { describe, expect, it } from 'vitest';
import { anonymizeIp, createClientIpResolver, normalizeIp, type TrustProxy } from '../../src/intake/client-ip.js';

it('unmaps IPv4-mapped IPv6 addresses and keeps the rest', () => {
  expect(normalizeIp('::ffff:203.0.113.7')).toBe('203.0.113.7');
  expect(normalizeIp('2001:db8::1')).toBe('2001:db8::1');
  expect(normalizeIp('::ffff:zzz')).toBe('::ffff:zzz');
  expect(normalizeIp('198.51.100.2')).toBe('198.51.100.2');
});

describe('createClientIpResolver', () => {
  const cases: [string, TrustProxy, string, string | undefined, string][] = [
    ['ignores X-Forwarded-For without trustProxy', false, '198.51.100.9', '203.0.113.7', '198.51.100.9'],
    ['unmaps a ::ffff: socket address', false, '::ffff:198.51.100.9', undefined, '198.51.100.9'],
    ['takes the client from a trusted loopback proxy', 'loopback', '127.0.0.1', '203.0.113.7', '203.0.113.7'],
    ['stops at the first untrusted hop of a spoofed chain', 'loopback', '127.0.0.1', '6.6.6.6, 203.0.113.7', '203.0.113.7'],
    ['ignores the header when the peer is not a trusted proxy', 'loopback', '198.51.100.9', '6.6.6.6', '198.51.100.9'],
    ['walks through several trusted subnets', '10.0.0.0/8, 127.0.0.1', '127.0.0.1', '6.6.6.6, 203.0.113.7, 10.1.2.3', '203.0.113.7'],
    ['counts hops', 1, '10.0.0.1', '6.6.6.6, 203.0.113.7', '203.0.113.7'],
    ['trusts every hop with true', true, '10.0.0.1', '203.0.113.7, 10.0.0.2', '203.0.113.7'],
    ['trusts a ::ffff: mapped proxy as IPv4', 'loopback', '::ffff:127.0.0.1', '203.0.113.7', '203.0.113.7'],
    ['returns an IPv6 client', 'loopback', '::1', '2001:db8::42', '2001:db8::42'],
    ['unmaps a ::ffff: client', 'loopback', '::1', '::ffff:203.0.113.7', '203.0.113.7'],
    ['strips an IPv4 port', 'loopback', '127.0.0.1', '203.0.113.7:4711', '203.0.113.7'],
    ['strips a bracketed IPv6 port', 'loopback', '127.0.0.1', '[2001:db8::42]:443', '2001:db8::42'],
    ['falls back to the proxy when the header is garbage', 'loopback', '127.0.0.1', 'not-an-ip', '127.0.0.1'],
    ['skips a garbage entry left of a real one', true, '10.0.0.1', 'garbage, 203.0.113.7', '203.0.113.7'],
    ['ignores an empty header', 'loopback', '127.0.0.1', '', '127.0.0.1'],
    ['survives a header of commas and spaces', 'loopback', '127.0.0.1', ' , ,, ', '127.0.0.1'],
    ['uses the header when the peer address is unknown and every hop is trusted', true, '', '203.0.113.7', '203.0.113.7'],
  ];

  it.each(cases)('%s', (_name, trust, peer, forwardedFor, expected) => {
    expect(createClientIpResolver(trust)(peer, forwardedFor)).toBe(expected);
  });

  it('accepts a trust function', () => {
    const resolve = createClientIpResolver((address) => address === '192.0.2.1');
    expect(resolve('192.0.2.1', '203.0.113.7')).toBe('203.0.113.7');
  });

  it('throws a TypeError for a value proxy-addr refuses', () => {
    expect(() => createClientIpResolver('not a subnet')).toThrow(TypeError);
    expect(() => createClientIpResolver(-1)).toThrow(TypeError);
  });
});

describe('anonymizeIp', () => {
  it.each([
    ['203.0.113.7', '203.0.113.0'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1::'],
    ['::1', '::'],
    ['garbage', ''],
  ])('%s → %s', (ip, expected) => {
    expect(anonymizeIp(ip)).toBe(expected);
  });
});

describe('createClientIpResolver without a trusted proxy', () => {
  it('reports once that X-Forwarded-For was ignored', () => {
    let warnings = 0;
    const resolve = createClientIpResolver(false, () => warnings++);
    resolve('198.51.100.9', undefined);
    expect(warnings).toBe(0);
    resolve('198.51.100.9', '203.0.113.7');
    resolve('198.51.100.9', '203.0.113.8');
    expect(warnings).toBe(1);
  });
});
