import { describe, expect, it } from 'vitest';
import { channelFor, compact } from '../src/channel.js';

const channel = (search: string, referrer = '', host = 'www.shop.nl') => channelFor(new URLSearchParams(search), host, referrer);

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

  it('marks a missing source or medium as (not set)', () => {
    expect(channel('?utm_campaign=spring')[0]).toEqual({ s: '(not set)', m: '(not set)', cm: 'spring' });
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

  it('cuts a referral host at the endpoint cap of 200 characters', () => {
    const host = ['a', 'b', 'c', 'd'].map((c) => c.repeat(60)).join('.') + '.example.com';
    expect(channel('', `https://${host}/`)[0]).toEqual({ s: host.slice(0, 200), m: 'referral' });
  });

  it('treats a subdomain of the site as internal', () => {
    expect(channel('', 'https://app.shop.nl/')[0]).toEqual({ s: 'direct', m: 'none' });
  });

  it('treats an unparsable referrer as none', () => {
    expect(channel('', 'not a url')[0]).toEqual({ s: 'direct', m: 'none' });
  });
});

describe('compact', () => {
  it('cuts each field at the endpoint cap of 200 characters', () => {
    expect(compact(['a'.repeat(300), 'b']).s).toHaveLength(200);
  });
});
