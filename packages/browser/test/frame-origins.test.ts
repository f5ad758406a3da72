import { describe, expect, it } from 'vitest';
import { frameOrigins, pickAttribution } from '../src/frame-origins';

describe('frameOrigins', () => {
  it('reads exact origins, space or comma separated', () => {
    expect(frameOrigins('https://forms.agency.example, https://shop.example:8443/ http://127.0.0.1:3000')).toEqual([
      'https://forms.agency.example',
      'https://shop.example:8443',
      'http://127.0.0.1:3000',
    ]);
  });

  it('drops wildcards, paths and anything that is not an origin', () => {
    expect(frameOrigins('* https://*.example https://shop.example/contact javascript:alert(1) data:text/html,x')).toEqual([]);
    expect(frameOrigins(null)).toEqual([]);
  });
});

describe('pickAttribution', () => {
  it("takes only getAttribution()'s keys", () => {
    const given = { attributionData: { gclid: 'abc' }, cookies: { _ga: 'GA1.1.1.2' }, channelFlow: [], uniqueIdentifier: 'u1', uniqueEventId: 'x', fields: [{ n: 'email', v: ['evil@example.com'] }] };
    expect(pickAttribution(given)).toEqual({ attributionData: { gclid: 'abc' }, cookies: { _ga: 'GA1.1.1.2' }, channelFlow: [], uniqueIdentifier: 'u1' });
  });

  it('refuses a message without attributionData', () => {
    expect(pickAttribution({ cookies: {} })).toBeUndefined();
    expect(pickAttribution('x')).toBeUndefined();
  });
});
