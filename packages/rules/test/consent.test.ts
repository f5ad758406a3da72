import { describe, expect, it } from 'vitest';
import { consentFromCmp, consentFromDataLayer, mergeConsent, pickConsent } from '../src/consent.js';

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

describe('consentFromDataLayer', () => {
  // gtag pushes its `arguments` object, not an array.
  function gtag(...args: unknown[]) {
    return (function (..._: unknown[]) {
      // eslint-disable-next-line prefer-rest-params
      return arguments;
    })(...args);
  }

  it('applies the default, then each update in order', () => {
    const dataLayer = [
      gtag('consent', 'default', { ad_storage: 'denied', analytics_storage: 'denied', wait_for_update: 500 }),
      { event: 'gtm.js' },
      gtag('consent', 'update', { analytics_storage: 'granted' }),
      gtag('consent', 'update', { ad_storage: 'granted', ad_user_data: 'granted' }),
    ];
    expect(consentFromDataLayer(dataLayer)).toEqual({ ad_storage: 'granted', analytics_storage: 'granted', ad_user_data: 'granted' });
  });

  it('skips a default limited to regions', () => {
    expect(consentFromDataLayer([gtag('consent', 'default', { ad_storage: 'denied', region: ['NL'] })])).toEqual({});
  });

  it('ignores what is not a dataLayer', () => {
    expect(consentFromDataLayer(undefined)).toEqual({});
    expect(consentFromDataLayer([null, 1, 'x'])).toEqual({});
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
