import { describe, expect, it } from 'vitest';
import { cookieString, readCookies } from '../src/cookie-jar';

describe('readCookies', () => {
  it('URL-decodes names and values and keeps the first of two same-named cookies', () => {
    expect(readCookies('lt_channelflow=%5B%7B%22t%22%3A1%7D%5D; lt_session=1; lt_session=2; _ga=GA1.1.1.2')).toEqual({
      lt_channelflow: '[{"t":1}]',
      lt_session: '1',
      _ga: 'GA1.1.1.2',
    });
  });

  it('keeps "=" inside a value', () => {
    expect(readCookies('b=c=d')).toEqual({ b: 'c=d' });
  });

  it('keeps a value that does not decode as it is (an older LeadBot’s raw JSON), and reads an empty string as none', () => {
    expect(readCookies('lt_channelflow=[{"lp":"/caf%C3"}]; good=1')).toEqual({ lt_channelflow: '[{"lp":"/caf%C3"}]', good: '1' });
    expect(readCookies('')).toEqual({});
  });
});

describe('cookieString', () => {
  it('writes the value URL-encoded with path, expiry, domain, SameSite and Secure', () => {
    const now = Date.now();
    const value = cookieString('lt_channelflow', '[{"t":1}]', 395, 'shop.example', true);
    const [pair, ...attributes] = value.split(';');
    expect(pair).toBe('lt_channelflow=%5B%7B%22t%22%3A1%7D%5D');
    expect(attributes.filter((a) => !a.startsWith('expires='))).toEqual(['path=/', 'domain=shop.example', 'samesite=lax', 'secure']);
    const expires = Date.parse(attributes.find((a) => a.startsWith('expires='))!.slice(8));
    expect(Math.abs(expires - (now + 395 * 86_400_000))).toBeLessThan(2_000);
  });

  it('leaves the domain and Secure out when not given, and expires in the past for negative days', () => {
    const value = cookieString('lb_q', '1', -1);
    expect(value).toMatch(/^lb_q=1;path=\/;expires=[^;]+;samesite=lax$/);
    expect(Date.parse(value.split(';')[2]!.slice(8))).toBeLessThan(Date.now());
  });
});
