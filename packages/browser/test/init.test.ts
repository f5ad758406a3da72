import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config';
import { init } from '../src/init';
import { attributesOf } from '../src/init-options';

describe('init', () => {
  it('resolves without touching the page when there is no window (server rendering)', async () => {
    expect(typeof window).toBe('undefined');
    await expect(init({ endpoint: '/leadbeacon' })).resolves.toBeUndefined();
  });
});

describe('attributesOf', () => {
  it('gives readConfig the options as the script tag would carry them', () => {
    const config = readConfig(
      attributesOf({
        endpoint: 'https://www.example.com/leadbeacon',
        forms: '.lead',
        excludeForms: '.search',
        honeypot: 'website',
        cookieDomain: 'example.com',
        clickIdDays: 30,
        sessionMinutes: 60,
        consent: 'required',
        utmParams: ['src', '', 'camp'],
        cookies: 'script',
      }),
    );
    expect(config).toEqual({
      endpoint: 'https://www.example.com/leadbeacon',
      forms: '.lead',
      excludeForms: '.search',
      honeypot: 'website',
      cookieDomain: 'example.com',
      clickIdDays: 30,
      sessionMinutes: 60,
      utmParams: ['src', '', 'camp'],
      cookieMode: 'script',
      consentRequired: true,
    });
  });

  it('leaves what is not given to the defaults', () => {
    expect(readConfig(attributesOf({ endpoint: '/leadbeacon' }))).toEqual(readConfig((name) => (name == 'data-endpoint' ? '/leadbeacon' : null)));
  });
});
