import { describe, expect, it } from 'vitest';
import { channelFor } from '../src/channel.js';

/** The channel and whether the URL carries a campaign signal. */
const channel = (search: string, referrer = '', host = 'www.shop.nl') => {
  const [ch, signal] = channelFor(new URL(`https://${host}/${search}`), referrer);
  return [ch, !!signal];
};

describe('channelFor', () => {
  it('takes every UTM value, leaving out empty ones', () => {
    expect(channel('?utm_source=google&utm_medium=cpc&utm_campaign=spring&utm_content=&utm_term=solar+panels')).toEqual([
      { s: 'google', m: 'cpc', cm: 'spring', tm: 'solar panels' },
      true,
    ]);
  });

  it('puts UTMs before a click id', () => {
    expect(channel('?utm_source=news&utm_medium=email&gclid=abc')[0]).toEqual({ s: 'news', m: 'email' });
  });

  it('adds a missing source and medium as (not set) after the other fields, as LeadTrackr writes them', () => {
    expect(JSON.stringify(channel('?utm_campaign=spring')[0])).toBe('{"cm":"spring","s":"(not set)","m":"(not set)"}');
    expect(JSON.stringify(channel('?utm_medium=email&utm_term=x')[0])).toBe('{"m":"email","tm":"x","s":"(not set)"}');
  });

  it.each(['utm_id', 'utm_source_platform', 'utm_marketing_tactic'])('takes %s alone for no campaign', (param) => {
    expect(channel(`?${param}=x`)).toEqual([{ s: 'direct', m: 'none' }, false]);
  });

  it('counts a repeated parameter by its first value', () => {
    expect(channel('?utm_source=&utm_source=x')).toEqual([{ s: 'direct', m: 'none' }, false]);
    expect(channel('?utm_source=a&utm_source=b')[0]).toEqual({ s: 'a', m: '(not set)' });
  });

  it('reads renamed campaign parameters; an empty name keeps the utm_ default', () => {
    expect(channelFor(new URL('https://www.shop.nl/?src=news&utm_medium=email&utm_source=ignored'), '', ['src', ''])[0]).toEqual({ s: 'news', m: 'email' });
  });

  it.each(['gclid', 'gbraid', 'wbraid'])('makes %s google/cpc', (param) => {
    expect(channel(`?${param}=x`)).toEqual([{ s: 'google', m: 'cpc' }, true]);
  });

  it('makes msclkid bing/cpc', () => {
    expect(channel('?msclkid=x')).toEqual([{ s: 'bing', m: 'cpc' }, true]);
  });

  it.each(['fbclid', 'dclid'])('never makes a cpc channel from %s', (param) => {
    expect(channel(`?${param}=x`, 'https://l.facebook.com/')).toEqual([{ s: 'l.facebook.com', m: 'referral' }, false]);
  });

  it('ignores a click id dragged along an internal link', () => {
    expect(channel('?gclid=x', 'https://www.shop.nl/offer')).toEqual([{ s: 'direct', m: 'none' }, false]);
  });

  it('counts a click id with an empty referrer', () => {
    expect(channel('?gclid=x', '')[0]).toEqual({ s: 'google', m: 'cpc' });
  });

  it.each([
    ['https://search.yahoo.com/', 'yahoo'],
    ['https://duckduckgo.com/', 'duckduckgo'],
    ['https://www.bing.com/search?q=x', 'bing'],
    ['https://search.brave.com/', 'brave'],
    ['https://www.ecosia.org/', 'ecosia'],
    ['https://search.naver.com/', 'naver'],
  ])('labels search engine %s as %s / organic', (referrer, label) => {
    expect(channel('', referrer)[0]).toEqual({ s: label, m: 'organic' });
  });

  it('keeps the full host of another referrer', () => {
    expect(channel('', 'https://blog.example.co.uk/post')[0]).toEqual({ s: 'blog.example.co.uk', m: 'referral' });
  });

  it('keeps a long referral host whole', () => {
    const host = ['a', 'b', 'c', 'd'].map((c) => c.repeat(60)).join('.') + '.example.com';
    expect(channel('', `https://${host}/`)[0]).toEqual({ s: host, m: 'referral' });
  });

  it('treats a subdomain of the site as internal', () => {
    expect(channel('', 'https://app.shop.nl/')[0]).toEqual({ s: 'direct', m: 'none' });
  });

  it('treats an unparsable referrer as none', () => {
    expect(channel('', 'not a url')[0]).toEqual({ s: 'direct', m: 'none' });
  });
});
