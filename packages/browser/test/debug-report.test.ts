import { describe, expect, it } from 'vitest';
import { describeSkip, formVerdict, warningsFor } from '../src/debug/report';

const config = { endpoint: 'https://www.site.example/leadbeacon', consentRequired: false, forms: '', excludeForms: '.newsletter' };
const params = (query: string) => new URLSearchParams(query);

describe('the debug report', () => {
  it('names each rule that keeps a form out', () => {
    expect([0, 1, 2, 3].map((r) => describeSkip(r as 0, { forms: '.lead', excludeForms: '.newsletter' }))).toEqual([
      '',
      'inside [data-lb-ignore]',
      'does not match data-forms=".lead"',
      'matches data-exclude-forms=".newsletter"',
    ]);
  });

  it('says what a captured form sends and how many filled fields stay on the page', () => {
    const read = [
      { n: 'email', v: ['jane@example.com'] },
      { n: 'password', v: ['secret'] },
      { n: 'empty', v: [''] },
    ];
    expect(formVerdict('Contact', '', read, [read[0]!])).toEqual({ label: 'Contact', captured: true, reason: 'captured on submit', sent: ['email'], kept: 1 });
    expect(formVerdict('Search', 'inside [data-lb-ignore]', [], [])).toMatchObject({ captured: false, reason: 'skipped: inside [data-lb-ignore]' });
  });

  it('warns about an endpoint that is missing, down or refusing the origin', () => {
    const base = { origin: 'https://www.site.example', params: params(''), consent: undefined };
    expect(warningsFor({ ...base, config: { ...config, endpoint: '' }, check: undefined })).toEqual(['No data-endpoint on the script tag: nothing is sent.']);
    expect(warningsFor({ ...base, config, check: { reachable: false } })[0]).toMatch(/^The endpoint https:\/\/www\.site\.example\/leadbeacon does not answer/);
    expect(warningsFor({ ...base, config, check: { reachable: true, originAllowed: false } })[0]).toMatch(/^The endpoint refuses this origin \(https:\/\/www\.site\.example\)/);
    expect(warningsFor({ ...base, config, check: { reachable: true, originAllowed: true } })).toEqual([]);
  });

  it('warns when consent holds cookies back, naming only the signals not granted', () => {
    const warn = (consent: Record<string, string> | undefined) =>
      warningsFor({ config: { ...config, consentRequired: true }, check: undefined, origin: '', params: params(''), consent });
    expect(warn(undefined)[0]).toMatch(/^data-consent="required" and analytics_storage, ad_storage not granted/);
    expect(warn({ analytics_storage: 'granted', ad_storage: 'denied' })[0]).toMatch(/^data-consent="required" and ad_storage not granted/);
    expect(warn({ analytics_storage: 'granted', ad_storage: 'granted' })).toEqual([]);
  });

  it('warns about a Google click whose gclid the browser stripped, not about one that kept it', () => {
    const warn = (query: string) => warningsFor({ config, check: undefined, origin: '', params: params(query), consent: undefined });
    expect(warn('gad_source=1&gad_campaignid=123')[0]).toMatch(/^gad_source\/gad_campaignid without gclid/);
    expect(warn('gad_source=1&gclid=Cj0')).toEqual([]);
    expect(warn('gad_campaignid=123&gbraid=0AA')).toEqual([]);
  });
});
