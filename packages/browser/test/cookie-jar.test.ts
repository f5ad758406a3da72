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
  it('writes the value URL-encoded with path, lifetime, domain, SameSite and Secure', () => {
    const value = cookieString('lt_channelflow', '[{"t":1}]', 395, 'shop.example', true);
    const [pair, ...attributes] = value.split(';');
    expect(pair).toBe('lt_channelflow=%5B%7B%22t%22%3A1%7D%5D');
    expect(attributes).toEqual(['path=/', 'max-age=34128000', 'domain=shop.example', 'samesite=lax', 'secure']);
  });

  it('gives a lifetime in whole seconds: a browser ignores a fractional Max-Age (the cookie would end with the session)', () => {
    // data-session-minutes="13" as the script passes it (minutes / 1440 days): 779.9999999999999 s in floating point.
    expect(cookieString('lt_session', '1', 13 / 1440)).toContain(';max-age=780;');
  });

  it('leaves the domain and Secure out when not given, and a negative lifetime for negative days (deletes)', () => {
    expect(cookieString('lb_q', '1', -1)).toBe('lb_q=1;path=/;max-age=-86400;samesite=lax');
  });
});
