import { describe, expect, it } from 'vitest';
import { usesServerCookies } from '../src/cookie-mode';

describe('usesServerCookies', () => {
  it('is true for an endpoint on the page’s host or on another host of its registrable domain', () => {
    expect(usesServerCookies('', 'www.lb.test', 'www.lb.test')).toBe(true);
    expect(usesServerCookies('', 'api.lb.test', 'www.lb.test')).toBe(true);
    expect(usesServerCookies('', 'api.shop.co.uk', 'shop.co.uk')).toBe(true);
    expect(usesServerCookies('', '127.0.0.1', '127.0.0.1')).toBe(true);
  });

  it('is false for an endpoint on another site, or another IP address', () => {
    expect(usesServerCookies('', 'leads.other.test', 'www.lb.test')).toBe(false);
    expect(usesServerCookies('', 'www.other.co.uk', 'www.shop.co.uk')).toBe(false);
    expect(usesServerCookies('', '10.0.0.1', '127.0.0.1')).toBe(false);
  });

  it('follows data-cookies when it is set', () => {
    expect(usesServerCookies('script', 'www.lb.test', 'www.lb.test')).toBe(false);
    expect(usesServerCookies('server', 'leads.other.test', 'www.lb.test')).toBe(true);
  });
});
