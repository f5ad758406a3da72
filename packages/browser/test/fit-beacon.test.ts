import { afterEach, describe, expect, it } from 'vitest';
import type { Beacon, Field } from '../src/beacon';
import { fitBeacon, MAX_BEACON_BYTES, stringify } from '../src/fit-beacon';

const beacon = (fields: Field[], more: Partial<Beacon> = {}): Beacon => ({
  uniqueEventId: 'e'.repeat(32),
  attributionData: { gclid: 'g'.repeat(100), conversionPage: 'example.com/' + 'p'.repeat(1_900) },
  fields,
  form: { i: 'contact' },
  channelFlow: [{ t: 1, ch: { s: 'google', m: 'cpc' }, lp: '/' }],
  uniqueIdentifier: 'crm-' + 'u'.repeat(250),
  ...more,
});

it('leaves a beacon that fits untouched', () => {
  const b = beacon([{ n: 'email', v: ['a@b.c'], t: 'email' }]);
  expect(fitBeacon(b)).toBe(JSON.stringify(b));
});

it('cuts form strings to the endpoint’s 10,000 characters', () => {
  const long = 'x'.repeat(20_000);
  const fitted = JSON.parse(fitBeacon(beacon([{ n: long, v: [long, 'short'], l: long }], { form: { h: long }, hp: long }), 1_000_000)) as Beacon;
  expect(fitted.fields[0]!.n).toHaveLength(10_000);
  expect(fitted.fields[0]!.v.map((v) => v.length)).toEqual([10_000, 5]);
  expect(fitted.fields[0]!.l).toHaveLength(10_000);
  expect(fitted.form!.h).toHaveLength(10_000);
  expect(fitted.hp).toHaveLength(10_000);
});

it('cuts the longest values until the UTF-8 body fits the keepalive budget, and nothing else', () => {
  const fields: Field[] = [{ n: 'short', v: ['keep me'] }];
  // Eight 10,000-character values of 3-byte characters: 240 kB of UTF-8.
  for (let i = 0; i < 8; i++) fields.push({ n: `f${i}`, v: ['€'.repeat(10_000)] });
  fields.push({ n: 'list', v: Array.from({ length: 100 }, () => 'x'.repeat(1_000)) });
  const b = beacon(fields);
  const json = fitBeacon(b);
  expect(new TextEncoder().encode(json).length).toBeLessThanOrEqual(MAX_BEACON_BYTES);
  const parsed = JSON.parse(json) as Beacon;
  expect(parsed.fields[0]).toEqual({ n: 'short', v: ['keep me'] });
  expect(parsed.fields).toHaveLength(10);
  expect(parsed.fields[1]!.v[0]!.length).toBeLessThan(10_000);
  expect(parsed.uniqueEventId).toBe(b.uniqueEventId);
  expect(parsed.attributionData).toEqual(b.attributionData);
  expect(parsed.uniqueIdentifier).toBe(b.uniqueIdentifier);
  expect(parsed.channelFlow).toEqual(b.channelFlow);
});

it('cuts the id cookies too when a site piles them up, rather than send a body the browser refuses', () => {
  const cookies: Record<string, string> = { _ga: 'GA1.1.1.2' };
  for (let i = 0; i < 40; i++) cookies[`_ga_P${i}`] = 'GS2.1.s1$o1' + 'x'.repeat(4_000);
  const json = fitBeacon(beacon([{ n: 'email', v: ['a@b.c'] }], { cookies }));
  expect(new TextEncoder().encode(json).length).toBeLessThanOrEqual(MAX_BEACON_BYTES);
  const parsed = JSON.parse(json) as Beacon;
  expect(parsed.cookies!._ga).toBe('GA1.1.1.2');
  expect(parsed.cookies!._ga_P0!.startsWith('GS2.1.s1$o1')).toBe(true);
  expect(parsed.fields).toEqual([{ n: 'email', v: ['a@b.c'] }]);
  expect(parsed.attributionData).toEqual(beacon([]).attributionData);
});

it('sends the first fields of a form too big for one body, whole, and marks the beacon trimmed', () => {
  const contact: Field[] = [
    { n: 'email', v: ['jane@example.com'], t: 'email' },
    { n: 'name', v: ['Jane Smith'] },
  ];
  const filler = Array.from({ length: 5_000 }, (_, i): Field => ({ n: `option_${i}`, v: ['on'], t: 'checkbox', l: 'Which of these apply?' }));
  const json = fitBeacon(beacon([...contact, ...filler]));
  expect(new TextEncoder().encode(json).length).toBeLessThanOrEqual(MAX_BEACON_BYTES);
  const parsed = JSON.parse(json) as Beacon;
  expect(parsed.fields.slice(0, 2)).toEqual(contact);
  expect(parsed.fields.length).toBeGreaterThan(100);
  expect(parsed.fields.length).toBeLessThan(5_002);
  expect(parsed.trimmed).toBe(true);
  expect(parsed.attributionData).toEqual(beacon([]).attributionData);
});

it('leaves values of up to 312 characters whole while it trims', () => {
  const email = 'a'.repeat(300) + '@example.com';
  const filler = Array.from({ length: 100 }, (_, i): Field => ({ n: `f${i}`, v: ['x'.repeat(2_000)] }));
  const parsed = JSON.parse(fitBeacon(beacon([{ n: 'email', v: [email] }, ...filler]))) as Beacon;
  expect(parsed.fields[0]!.v[0]).toBe(email);
  expect(parsed.trimmed).toBe(true);
});

describe('what the page did to the globals', () => {
  const arrayProto = Array.prototype as unknown as Record<string, unknown>;
  const objectProto = Object.prototype as unknown as Record<string, unknown>;
  const { stringify } = JSON;
  const { Blob } = globalThis;
  afterEach(() => {
    delete arrayProto.toJSON;
    delete objectProto.toJSON;
    JSON.stringify = stringify;
    globalThis.Blob = Blob;
  });
  const b = beacon([{ n: 'services', v: ['Solar', 'Heat pump'] }]);
  const expected = JSON.stringify(b);

  it("ignores Prototype.js's Array.prototype.toJSON, which turns an array into a string", () => {
    arrayProto.toJSON = function (this: unknown[]) {
      return `[${this.map((v) => JSON.stringify(v)).join(',')}]`;
    };
    expect(fitBeacon(b)).toBe(expected);
  });

  it('ignores an Object.prototype.toJSON', () => {
    Object.defineProperty(Object.prototype, 'toJSON', { value: () => 'hijacked', configurable: true, writable: true });
    expect(fitBeacon(b)).toBe(expected);
  });

  it('uses the JSON.stringify of start-up, not one the page put there later', () => {
    JSON.stringify = () => '{}';
    expect(JSON.parse(fitBeacon(b))).toEqual(JSON.parse(expected));
  });

  it('measures the body without Blob', () => {
    globalThis.Blob = function () {} as unknown as typeof Blob;
    expect(fitBeacon(b)).toBe(expected);
  });
});

describe('stringify', () => {
  afterEach(() => {
    delete (Array.prototype as unknown as Record<string, unknown>).toJSON;
  });

  it('serialises as JSON.stringify would without any toJSON, and hands the replacer each value, key and holder', () => {
    (Array.prototype as unknown as Record<string, unknown>).toJSON = () => 'hijacked';
    const seen: string[] = [];
    expect(stringify({ a: [1, { b: 'x' }] }, (value, key, holder) => (seen.push(`${key}:${Array.isArray(holder)}`), value))).toBe('{"a":[1,{"b":"x"}]}');
    expect(seen).toEqual([':false', 'a:false', '0:true', '1:true', 'b:false']);
  });
});
