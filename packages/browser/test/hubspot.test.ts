import { describe, expect, it } from 'vitest';
import { isHubSpotOrigin, legacySubmission, toFields } from '../src/hubspot';

describe('isHubSpotOrigin', () => {
  it("accepts HubSpot's hosts and the page's own origin", () => {
    for (const origin of ['https://forms.hsforms.com', 'https://js-eu1.hsforms.net', 'https://app.hubspot.com', 'https://shop.example']) {
      expect(isHubSpotOrigin(origin, 'https://shop.example'), origin).toBe(true);
    }
  });

  it('refuses every other origin, look-alikes included', () => {
    for (const origin of ['https://evil.example', 'https://hsforms.com.evil.example', 'https://evilhsforms.com', 'http://forms.hsforms.com', 'null']) {
      expect(isHubSpotOrigin(origin, 'https://shop.example'), origin).toBe(false);
    }
  });
});

describe('legacySubmission', () => {
  it("reads the values of an onFormSubmitted message", () => {
    const message = { type: 'hsFormCallback', eventName: 'onFormSubmitted', id: 'f-1', data: { redirectUrl: '', submissionValues: { email: 'jane@example.com', interests: ['a', 'b'], consent: true } } };
    expect(legacySubmission(message)).toEqual({
      id: 'f-1',
      fields: [
        { n: 'email', v: ['jane@example.com'] },
        { n: 'interests', v: ['a', 'b'] },
        { n: 'consent', v: ['true'] },
      ],
    });
  });

  it('ignores other callbacks and other messages', () => {
    expect(legacySubmission({ type: 'hsFormCallback', eventName: 'onFormReady', id: 'f-1' })).toBeUndefined();
    expect(legacySubmission('hello')).toBeUndefined();
    expect(legacySubmission(null)).toBeUndefined();
  });
});

describe('toFields', () => {
  it("reads getFormFieldValues()'s name/value pairs, skipping what is not a value", () => {
    expect(toFields([{ name: '0-1/email', value: 'jane@example.com' }, { name: '0-2/name', value: 'Acme' }, { name: 'x', value: { a: 1 } }, { value: 'no name' }])).toEqual([
      { n: '0-1/email', v: ['jane@example.com'] },
      { n: '0-2/name', v: ['Acme'] },
      { n: 'x', v: [] },
    ]);
    expect(toFields('nope')).toEqual([]);
  });
});
