import { describe, expect, it } from 'vitest';
import { compileOrigins, corsHeaders } from '../../src/intake/origin.js';

describe('compileOrigins', () => {
  const allowed = compileOrigins(['https://www.site.example', '*.shop.example', 'http://*.dev.example:8080']);

  it.each([
    ['https://www.site.example', true],
    ['https://a.shop.example', true],
    ['https://a.b.shop.example', true],
    ['http://x.dev.example:8080', true],
    ['https://shop.example', false],
    ['http://a.shop.example', false],
    ['https://a.shop.example:8443', false],
    ['https://evilshop.example', false],
    ['https://a.shop.example.evil.example', false],
    ['http://x.dev.example', false],
    ['https://user@a.shop.example', false],
    ['https://www.site.example/', false],
    ['null', false],
    ['', false],
  ])('%s → %s', (origin, expected) => {
    expect(allowed(origin, undefined)).toBe(expected);
  });

  // A wildcard stands for whole DNS labels (letters, digits, inner hyphens; CSP's host-char): an
  // empty label, a trailing dot, a port, userinfo or an odd character is no subdomain of the site.
  it.each([
    'https://.shop.example',
    'https://..shop.example',
    'https://a..shop.example',
    'https://.a.shop.example',
    'https://a.shop.example.',
    'https://a.shop.example..',
    'https://a.shop.example:443',
    'https://a.shop.example:',
    'https://user:pass@a.shop.example',
    'https://@a.shop.example',
    'https://-a.shop.example',
    'https://a-.shop.example',
    'https://a_b.shop.example',
    'https://a%2e.shop.example',
    `https://${'a'.repeat(64)}.shop.example`,
    `https://${'a.'.repeat(130)}shop.example`,
    'https://A.shop.example',
    'https://a.shop.example?',
    'https://a.shop.example#',
  ])('refuses the malformed host %s for a wildcard', (origin) => {
    expect(allowed(origin, undefined)).toBe(false);
  });

  it('accepts DNS labels of every legal shape under a wildcard', () => {
    for (const host of ['a', '0', 'a-b', 'xn--bcher-kva', 'a1.b2.c3', 'a'.repeat(63)]) expect(allowed(`https://${host}.shop.example`, undefined)).toBe(true);
  });

  it('allows only the endpoint’s own origin when none are configured', () => {
    const self = compileOrigins([]);
    expect(self('https://api.example', 'https://api.example')).toBe(true);
    expect(self('https://other.example', 'https://api.example')).toBe(false);
  });

  it('throws a TypeError naming an entry that is neither an origin nor a wildcard', () => {
    expect(() => compileOrigins(['https://a.example/path'])).toThrow(/allowedOrigins.*a\.example\/path/);
    expect(() => compileOrigins(['*'])).toThrow(TypeError);
    expect(() => compileOrigins(['https://*'])).toThrow(TypeError);
  });

  it('echoes the origin in CORS headers, allows credentials and varies on it', () => {
    expect(corsHeaders('https://a.example')).toEqual({ 'access-control-allow-origin': 'https://a.example', 'access-control-allow-credentials': 'true', vary: 'Origin' });
  });
});
