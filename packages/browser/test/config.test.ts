import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config';

const config = (attrs: Record<string, string>) => readConfig((name) => attrs[name] ?? null);

describe('readConfig', () => {
  it('reads the endpoint from data-endpoint', () => {
    expect(config({ 'data-endpoint': 'https://site.example/leadbeacon' }).endpoint).toBe('https://site.example/leadbeacon');
  });

  it('defaults to a probed domain, 90-day click ids, a 30-minute session and no consent gate', () => {
    expect(config({})).toMatchObject({ endpoint: '', cookieDomain: undefined, clickIdDays: 90, sessionMinutes: 30, consentRequired: false, cookieMode: '' });
  });

  it('reads every attribution attribute', () => {
    expect(
      config({
        'data-cookie-domain': 'shop.example',
        'data-click-id-days': '30',
        'data-session-minutes': '60',
        'data-consent': 'required',
      }),
    ).toMatchObject({ cookieDomain: 'shop.example', clickIdDays: 30, sessionMinutes: 60, consentRequired: true });
  });

  it('reads data-utm-params as the names of source, medium, campaign, content and term, spaces around commas ignored', () => {
    expect(config({ 'data-utm-params': 'src, med,,cont' }).utmParams).toEqual(['src', 'med', '', 'cont']);
  });

  it('leaves every UTM parameter at its default without data-utm-params', () => {
    expect(config({}).utmParams).toEqual(['']);
  });

  it('falls back to the default for a number that is not positive', () => {
    expect(config({ 'data-click-id-days': 'ninety', 'data-session-minutes': '-5' })).toMatchObject({ clickIdDays: 90, sessionMinutes: 30 });
  });

  it('has no debug in the minified build (__DEBUG__ false)', () => {
    expect(config({ 'data-debug': '' }).debug).toBeUndefined();
  });
});

it('reads the form selectors and the honeypot name', () => {
  expect(config({ 'data-forms': '.lead', 'data-exclude-forms': '#search', 'data-honeypot': 'website' })).toMatchObject({
    forms: '.lead',
    excludeForms: '#search',
    honeypot: 'website',
  });
});

it('captures every form and uses lb_hp as the honeypot by default', () => {
  expect(config({})).toMatchObject({ forms: '', excludeForms: '', honeypot: 'lb_hp' });
});
