import { describe, expect, it } from 'vitest';
import { consentFromCmp, consentFromConsentMode, mergeConsent, pickConsent } from '../src/consent.js';

const ALL_GRANTED = { ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted', analytics_storage: 'granted' };

describe('consentFromCmp', () => {
  it('reads Cookiebot', () => {
    const CookieConsent = "{stamp:'abc==',necessary:true,preferences:true,statistics:true,marketing:false,method:'explicit',ver:1,utc:1712345678901,region:'nl'}";
    expect(consentFromCmp({ CookieConsent })).toEqual({
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
      analytics_storage: 'granted',
    });
  });

  it("leaves Cookiebot's -1 (no consent needed in the region) out", () => {
    expect(consentFromCmp({ CookieConsent: '-1' })).toEqual({});
  });

  it('reads OneTrust groups', () => {
    const OptanonConsent = 'isGpcEnabled=0&datestamp=Mon+Nov+23+2026&version=202409.1.0&groups=C0001:1,C0002:0,C0003:1,C0004:1&AwaitingReconsent=false';
    expect(consentFromCmp({ OptanonConsent })).toEqual({ ...ALL_GRANTED, analytics_storage: 'denied' });
  });

  it('reads CookieYes', () => {
    const value = 'consentid:abc,consent:yes,action:yes,necessary:yes,functional:yes,analytics:yes,performance:no,advertisement:yes,other:yes';
    expect(consentFromCmp({ 'cookieyes-consent': value })).toEqual(ALL_GRANTED);
  });

  it('reads Complianz', () => {
    expect(consentFromCmp({ cmplz_marketing: 'deny', cmplz_statistics: 'allow' })).toEqual({
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
      analytics_storage: 'granted',
    });
  });

  it('leaves out a category the CMP did not record', () => {
    expect(consentFromCmp({ cmplz_statistics: 'allow' })).toEqual({ analytics_storage: 'granted' });
  });

  it('takes the first CMP when several left a footprint', () => {
    expect(consentFromCmp({ CookieConsent: '{marketing:true,statistics:true}', cmplz_marketing: 'deny' }).ad_storage).toBe('granted');
  });

  it('finds nothing without a CMP', () => {
    expect(consentFromCmp({ _ga: 'GA1.1.1.2' })).toEqual({});
  });
});

/**
 * gtag's consent store as gtag.js and GTM keep it on `window.google_tag_data.ics`, reduced to what
 * is read: entries per signal with a default and an update, and getConsentState reading them
 * through `this` (so a detached call throws, as gtag's does). 1 granted, 2 denied, 0 never set.
 */
function consentStore(entries: Record<string, { default?: boolean; update?: boolean }>) {
  return {
    ics: {
      entries,
      getConsentState(this: { entries: typeof entries }, signal: string) {
        const entry = this.entries[signal];
        const granted = entry?.update ?? entry?.default;
        return granted === undefined ? 0 : granted ? 1 : 2;
      },
    },
  };
}

describe('consentFromConsentMode', () => {
  it('reads what a banner set through GTM\'s consent APIs: the update over the default', () => {
    const tagData = consentStore({ ad_storage: { default: false, update: true }, analytics_storage: { default: false }, ad_user_data: { default: false, update: true } });
    expect(consentFromConsentMode(tagData)).toEqual({ ad_storage: 'granted', analytics_storage: 'denied', ad_user_data: 'granted' });
  });

  it('calls getConsentState as a method: gtag reads its entries through `this`', () => {
    const tagData = consentStore({ ad_personalization: { default: true } });
    expect(consentFromConsentMode(tagData)).toEqual({ ad_personalization: 'granted' });
  });

  it('leaves out a signal never set, never guessing granted', () => {
    expect(consentFromConsentMode(consentStore({}))).toEqual({});
  });

  it('leaves out any answer but 1 and 2', () => {
    const tagData = { ics: { getConsentState: (signal: string) => (signal == 'ad_storage' ? 3 : 'granted') } };
    expect(consentFromConsentMode(tagData)).toEqual({});
  });

  it('yields nothing from a store that is missing or throws', () => {
    const throwing = { ics: { getConsentState: () => { throw new Error('no'); } } };
    for (const tagData of [throwing, {}, null, undefined, 'x']) expect(consentFromConsentMode(tagData)).toEqual({});
  });

  it('keeps the signals a throwing call does not cost', () => {
    const tagData = { ics: { getConsentState: (signal: string) => { if (signal == 'ad_storage') throw new Error('no'); return 2; } } };
    expect(consentFromConsentMode(tagData)).toEqual({ ad_user_data: 'denied', ad_personalization: 'denied', analytics_storage: 'denied' });
  });
});

describe('pickConsent', () => {
  it('keeps only the four signals with a known state', () => {
    expect(pickConsent({ ad_storage: 'granted', analytics_storage: 'yes', functionality_storage: 'granted', ad_user_data: 'denied' })).toEqual({
      ad_storage: 'granted',
      ad_user_data: 'denied',
    });
    expect(pickConsent(null)).toEqual({});
  });
});

describe('mergeConsent', () => {
  it('takes each signal from the first source that knows it', () => {
    expect(mergeConsent({ ad_storage: 'granted' }, { ad_storage: 'denied', analytics_storage: 'denied' }, { analytics_storage: 'granted', ad_personalization: 'denied' })).toEqual({
      ad_storage: 'granted',
      analytics_storage: 'denied',
      ad_personalization: 'denied',
    });
  });
});
