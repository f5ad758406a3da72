import { expect, it } from 'vitest';
import type { Beacon } from '../src/beacon';
import { fitBeacon, MAX_BEACON_BYTES } from '../src/fit-beacon';

const beacon = (formData: Beacon['formData']): Beacon => ({ uniqueEventId: 'e'.repeat(32), userData: { email: 'a@b.c' }, attributionData: { gclid: 'g' }, formData });

it('leaves a beacon that fits untouched', () => {
  const b = beacon({ formMessage: 'hi' });
  expect(fitBeacon(b)).toBe(JSON.stringify(b));
});

it('cuts the longest values until the UTF-8 body fits the keepalive budget', () => {
  const formData: Beacon['formData'] = { short: 'keep me' };
  // Eight 10,000-character values of 3-byte characters: 240 kB of UTF-8.
  for (let i = 0; i < 8; i++) formData[`f${i}`] = '€'.repeat(10_000);
  formData.list = Array.from({ length: 100 }, () => 'x'.repeat(1_000));
  const json = fitBeacon(beacon(formData));
  expect(new TextEncoder().encode(json).length).toBeLessThanOrEqual(MAX_BEACON_BYTES);
  const parsed = JSON.parse(json) as Beacon;
  expect(parsed.formData.short).toBe('keep me');
  expect(parsed.userData).toEqual({ email: 'a@b.c' });
  expect(Object.keys(parsed.formData)).toHaveLength(10);
});

it('cuts values to the endpoint schema caps', () => {
  const b: Beacon = {
    ...beacon({
      formMessage: 'm'.repeat(20_000),
      tags: Array.from({ length: 150 }, () => 't'.repeat(2_000)),
      ['k'.repeat(300)]: 'v',
    }),
    userData: { firstName: 'f'.repeat(300), phone: '1'.repeat(80) },
    uniqueIdentifier: 'u'.repeat(300),
    hp: 'h'.repeat(2_000),
  };
  const fitted = JSON.parse(fitBeacon(b, 1_000_000)) as Beacon;
  expect(fitted.userData.firstName).toHaveLength(200);
  expect(fitted.userData.phone).toHaveLength(50);
  expect(fitted.formData.formMessage).toHaveLength(10_000);
  expect(fitted.formData.tags).toHaveLength(100);
  expect((fitted.formData.tags as string[])[0]).toHaveLength(1_000);
  expect(fitted.formData['k'.repeat(200)]).toBe('v');
  expect(fitted.uniqueIdentifier).toHaveLength(255);
  expect(fitted.hp).toHaveLength(1_000);
});
