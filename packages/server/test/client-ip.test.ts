import { expect, it } from 'vitest';
import { normalizeIp } from '../src/client-ip.js';

it('unmaps IPv4-mapped IPv6 addresses and keeps the rest', () => {
  expect(normalizeIp('::ffff:203.0.113.7')).toBe('203.0.113.7');
  expect(normalizeIp('2001:db8::1')).toBe('2001:db8::1');
  expect(normalizeIp('::ffff:zzz')).toBe('::ffff:zzz');
  expect(normalizeIp('198.51.100.2')).toBe('198.51.100.2');
});
