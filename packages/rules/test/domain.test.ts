import { describe, expect, it } from 'vitest';
import { findCookieDomain, registrableDomain } from '../src/domain.js';

describe('registrableDomain', () => {
  it.each([
    ['www.google.co.uk', 'google.co.uk'],
    ['www.google.nl', 'google.nl'],
    ['shop.example.com.au', 'example.com.au'],
    ['a.b.example.org', 'example.org'],
    ['localhost', 'localhost'],
  ])('%s → %s', (host, domain) => {
    expect(registrableDomain(host)).toBe(domain);
  });
});

describe('findCookieDomain', () => {
  // A browser accepts a Domain attribute for a domain that is not a public suffix.
  const browser = (suffixes: string[]) => (domain: string) => !suffixes.includes(domain);

  it('returns the highest domain that accepts a cookie', () => {
    expect(findCookieDomain('www.shop.example.co.uk', browser(['co.uk', 'uk']))).toBe('example.co.uk');
  });

  it('stops at the registrable domain on a plain .com', () => {
    expect(findCookieDomain('a.b.shop.com', browser(['com']))).toBe('shop.com');
  });

  it('leaves IP addresses and single-label hosts host-only', () => {
    const never = () => {
      throw new Error('must not probe');
    };
    expect(findCookieDomain('127.0.0.1', never)).toBeUndefined();
    expect(findCookieDomain('::1', never)).toBeUndefined();
    expect(findCookieDomain('localhost', never)).toBeUndefined();
  });

  it('returns undefined when no domain takes the cookie', () => {
    expect(findCookieDomain('www.shop.com', () => false)).toBeUndefined();
  });
});
