import { describe, expect, it } from 'vitest';
import { isSameSite, requestCookies, setCookie, sharedCookieDomain } from '../../src/intake/cookies.js';

describe('requestCookies', () => {
  it('reads the Cookie header URL-decoded, the first of two same-named cookies winning', () => {
    const cookies = requestCookies({ cookie: 'lt_channelflow=%5B%7B%22t%22%3A1%7D%5D; FPGCLAW=2.1.kCj0$i1; lt_session=1; lt_session=2' });
    expect(cookies).toEqual({ lt_channelflow: '[{"t":1}]', FPGCLAW: '2.1.kCj0$i1', lt_session: '1' });
  });

  it('is empty without a Cookie header', () => {
    expect(requestCookies({})).toEqual({});
  });
});

describe('setCookie', () => {
  it('writes path /, SameSite=Lax and Max-Age, the value URL-encoded', () => {
    const value = setCookie('lt_channelflow', '[{"t":1}]', { maxAgeSeconds: 395 * 86_400, domain: 'lb.test', secure: true, httpOnly: false });
    expect(value).toBe('lt_channelflow=%5B%7B%22t%22%3A1%7D%5D; Max-Age=34128000; Domain=lb.test; Path=/; Secure; SameSite=Lax');
  });

  it('leaves Domain out for a host-only cookie and marks HttpOnly when asked', () => {
    const value = setCookie('lb_gclid', 'abc', { maxAgeSeconds: 60, domain: undefined, secure: false, httpOnly: true });
    expect(value).toBe('lb_gclid=abc; Max-Age=60; Path=/; HttpOnly; SameSite=Lax');
  });
});

describe('isSameSite', () => {
  it('holds for one host and for hosts of one registrable domain', () => {
    expect(isSameSite('www.lb.test', 'www.lb.test')).toBe(true);
    expect(isSameSite('www.lb.test', 'api.lb.test')).toBe(true);
    expect(isSameSite('www.shop.co.uk', 'api.shop.co.uk')).toBe(true);
  });

  it('fails for another site, another co.uk site, and two IP addresses', () => {
    expect(isSameSite('www.lb.test', 'api.other.test')).toBe(false);
    expect(isSameSite('www.shop.co.uk', 'www.other.co.uk')).toBe(false);
    expect(isSameSite('127.0.0.1', '10.0.0.1')).toBe(false);
    expect(isSameSite('localhost', 'api.localhost')).toBe(false);
  });
});

describe('sharedCookieDomain', () => {
  it('takes the registrable domain when the endpoint is within it', () => {
    expect(sharedCookieDomain('www.lb.test', 'api.lb.test', undefined)).toBe('lb.test');
  });

  it('takes a configured domain only when both hosts are within it', () => {
    expect(sharedCookieDomain('www.shop.lb.test', 'api.shop.lb.test', 'shop.lb.test')).toBe('shop.lb.test');
    expect(sharedCookieDomain('www.lb.test', 'api.lb.test', 'evil.test')).toBe('lb.test');
  });

  it('sets none (host-only) for an IP address or localhost', () => {
    expect(sharedCookieDomain('127.0.0.1', '127.0.0.1', undefined)).toBeUndefined();
    expect(sharedCookieDomain('localhost', 'localhost', undefined)).toBeUndefined();
  });
});
