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
