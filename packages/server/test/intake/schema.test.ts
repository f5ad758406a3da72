import { describe, expect, it } from 'vitest';
import { parseBeacon } from '../../src/intake/schema.js';

const base = { uniqueEventId: 'evt-0123456789', userData: {} };

describe('parseBeacon', () => {
  it('accepts a minimal beacon and defaults the records', () => {
    expect(parseBeacon(base)).toEqual({ ok: true, beacon: { ...base, attributionData: {}, formData: {} } });
  });

  it.each([
    ['userData.email', { userData: { email: 'x'.repeat(321) } }],
    ['formData.message', { formData: { message: 'x'.repeat(10_001) } }],
    ['attributionData.consent.ad_storage', { attributionData: { consent: { ad_storage: 'x'.repeat(51) } } }],
    ['attributionData.gclid', { attributionData: { gclid: 42 } }],
    ['cookies._ga', { cookies: { _ga: 42 } }],
    ['cookies', { cookies: ['_ga'] }],
    ['uniqueIdentifier', { uniqueIdentifier: 'x'.repeat(256) }],
    ['hp', { hp: 'x'.repeat(10_001) }],
    ['fields.0.v.0', { fields: [{ n: 'a', v: ['x'.repeat(10_001)] }] }],
    ['fields.0.l', { fields: [{ n: 'a', v: [], l: 'x'.repeat(10_001) }] }],
    ['fields.0.v', { fields: [{ n: 'a', v: 'not a list' }] }],
    ['fields.0.n', { fields: [{ v: ['x'] }] }],
    ['form.h', { form: { h: 'x'.repeat(10_001) } }],
    ['pageMs', { pageMs: -1 }],
    ['channelFlow.0.lp', { channelFlow: [{ t: 1, ch: { s: 'a', m: 'b' }, lp: 'x'.repeat(101) }] }],
    ['uniqueEventId', { uniqueEventId: 'short' }],
  ])('names %s when it breaks its cap or type', (path, extra) => {
    const result = parseBeacon({ ...base, ...extra });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.path)).toContain(path);
  });

  it('leaves out an attributionData string over 2,000 characters instead of refusing the beacon', () => {
    const result = parseBeacon({ ...base, attributionData: { gclid: 'x'.repeat(3_000), msclkid: 'm'.repeat(2_000), conversionPage: 'example.com/' } });
    expect(result.ok && result.beacon.attributionData).toEqual({ msclkid: 'm'.repeat(2_000), conversionPage: 'example.com/' });
  });

  it('accepts the raw cookie values the page read', () => {
    const cookies = { _ga: 'GA1.1.1234567890.1712345678', _gcl_aw: 'GCL.1712345678.Cj0', lb_gclid: 'own' };
    expect(parseBeacon({ ...base, cookies })).toEqual({ ok: true, beacon: { ...base, attributionData: {}, formData: {}, cookies } });
  });

  it('leaves out a cookie value over 4,096 characters instead of refusing the beacon', () => {
    const result = parseBeacon({ ...base, cookies: { _gcl_aw: 'x'.repeat(5_000), _fbp: 'f'.repeat(4_096) } });
    expect(result.ok && result.beacon.cookies).toEqual({ _fbp: 'f'.repeat(4_096) });
  });

  it('keeps the first 64 cookies and ignores the rest instead of refusing the beacon', () => {
    const cookies = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`_ga_P${i}`, 'v']));
    const result = parseBeacon({ ...base, cookies });
    expect(result.ok && Object.keys(result.beacon.cookies!)).toEqual(Object.keys(cookies).slice(0, 64));
  });

  it('leaves out cookie names no cookie it reads could have: empty, over 100 characters, a prototype slot', () => {
    const result = parseBeacon({ ...base, cookies: { '': 'a', ['_'.repeat(101)]: 'b', constructor: 'c', prototype: 'd', _fbp: 'e' } });
    expect(result.ok && result.beacon.cookies).toEqual({ _fbp: 'e' });
  });

  it('accepts the raw fields and form name candidates the script sends, without userData', () => {
    const beacon = { uniqueEventId: 'evt-0123456789', fields: [{ n: 'email', v: ['a@b.c'], t: 'email', a: 'email', i: 'e', p: 'Email', l: 'Email', f: 'email' }], form: { d: 'D', n: 'N', i: 'I', a: 'A', h: 'H' } };
    expect(parseBeacon(beacon)).toEqual({ ok: true, beacon: { ...beacon, userData: {}, attributionData: {}, formData: {} } });
  });

  it('refuses unknown keys in a field', () => {
    expect(parseBeacon({ ...base, fields: [{ n: 'a', v: [], x: 1 }] }).ok).toBe(false);
  });

  it('trims a form over 1,000 fields rather than refuse it, keeping the email at its end, and says so', () => {
    const fields = [...Array.from({ length: 5_000 }, (_, i) => ({ n: `option_${i}`, v: ['on'] })), { n: 'email', v: ['jane@example.com'], t: 'email' }];
    const result = parseBeacon({ ...base, fields });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.beacon.fields).toHaveLength(1_000);
    expect(result.beacon.fields!.at(-1)).toEqual({ n: 'email', v: ['jane@example.com'], t: 'email' });
    expect(result.beacon.fields![998]!.n).toBe('option_998');
    expect(result.beacon.trimmed).toBe(true);
  });

  it('trims a field over 1,000 values (a multi-select with 1,100 ticked) rather than refuse it', () => {
    const result = parseBeacon({ ...base, fields: [{ n: 'services', v: Array.from({ length: 1_100 }, (_, i) => `s${i}`), t: 'select-multiple' }] });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.beacon.fields![0]!.v).toHaveLength(1_000);
    expect(result.beacon.trimmed).toBe(true);
  });

  it('keeps the script’s own trimmed mark, and adds none to a beacon within the limits', () => {
    const fields = [{ n: 'email', v: ['a@b.c'] }];
    expect(parseBeacon({ ...base, fields, trimmed: true })).toMatchObject({ ok: true, beacon: { trimmed: true } });
    const result = parseBeacon({ ...base, fields });
    expect(result.ok && 'trimmed' in result.beacon).toBe(false);
    expect(parseBeacon({ ...base, fields, trimmed: 'yes' }).ok).toBe(false);
  });

  it('caps the number of form fields', () => {
    const formData = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}`, 'v']));
    const result = parseBeacon({ ...base, formData });
    expect(!result.ok && result.issues[0]).toMatchObject({ path: 'formData', message: 'must have at most 100 keys' });
  });

  it.each(['constructor', 'prototype'])('refuses a %s key in a record', (key) => {
    const result = parseBeacon({ ...base, formData: JSON.parse(`{"${key}": "x"}`) as unknown });
    expect(!result.ok && result.issues[0]?.path).toBe(`formData.${key}`);
  });

  it('leaves a __proto__ key out of a record without touching any prototype', () => {
    const result = parseBeacon({ ...base, formData: JSON.parse('{"__proto__": {"polluted": "yes"}, "a": "b"}') as unknown });
    if (!result.ok) throw new Error('expected a valid beacon');
    expect(Object.getPrototypeOf(result.beacon.formData)).toBe(Object.prototype);
    expect(Object.keys(result.beacon.formData)).toEqual(['a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses unknown top-level keys such as projectId and deviceData', () => {
    const result = parseBeacon({ ...base, projectId: 'p', deviceData: {} });
    expect(result.ok).toBe(false);
  });
});
