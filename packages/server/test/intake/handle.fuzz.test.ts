/**
 * Property-based fuzzing of the core with the production defaults (fast-check): thousands of random
 * and hostile bodies never produce a 5xx, never throw, never touch Object.prototype, and never
 * reach `accept` unless they are valid beacons.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createLeadEvents } from '../../src/events.js';
import { createHandler, type HandleInput } from '../../src/intake/handle.js';
import type { LeadTrackrLead } from '../../src/lead/map-lead.js';
import { resolveOptions } from '../../src/options.js';
import { parseBeacon } from '../../src/intake/schema.js';
import { createMemoryLogger, validBeacon, validCookiesBeacon, validFieldsBeacon } from '../support/setup.js';

const ORIGIN = 'https://www.site.example';
const RUNS = Number(process.env.LEADBEACON_FUZZ_RUNS ?? 1_000);

const resolved = resolveOptions({ apiKey: 'k', projectId: 'p', allowedOrigins: [ORIGIN], rateLimit: false, logger: createMemoryLogger() }, {});
const accepted: LeadTrackrLead[] = [];
const handle = createHandler({
  projectId: resolved.projectId,
  allowedOrigins: resolved.allowedOrigins,
  isOriginAllowed: resolved.isOriginAllowed,
  projectIdFor: resolved.projectIdFor,
  clientIp: resolved.clientIp,
  bots: { honeypot: resolved.honeypot, minPageMs: resolved.minPageMs },
  accept: async (lead) => {
    accepted.push(lead);
    return { outcome: 'accepted' };
  },
  events: createLeadEvents(),
  logger: resolved.logger,
});

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join();
const before = prototypeKeys();

afterEach(() => {
  expect(prototypeKeys()).toBe(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  accepted.length = 0;
});

const hostileKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'polluted'), fc.string());
const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, 0, -1, 1e308, 'x'.repeat(70_000), ''),
    fc.string(),
    fc.double(),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 5 }),
  ),
})).value;
/** A valid beacon (the older mapped shape, the raw-fields one, or one with raw cookies) with one field replaced by something hostile. */
const mutatedBeacon = fc
  .tuple(
    fc.constantFrom(validBeacon, validFieldsBeacon, validCookiesBeacon),
    fc.constantFrom(
      ...Object.keys(validBeacon),
      ...Object.keys(validFieldsBeacon),
      ...Object.keys(validCookiesBeacon),
      'attributionData.gclid',
      'attributionData.__proto__',
      'cookies._ga',
      'cookies._ga_ABC123',
      'cookies._gcl_aw',
      'cookies.__proto__',
      'cookies.constructor',
      'userData.email',
      'formData.__proto__',
      'uniqueIdentifier',
      'pageMs',
      'hp',
      'channelFlow',
      'fields.0',
      'fields.2',
      'form.h',
      'form.__proto__',
    ),
    hostileValue,
  )
  .map(([valid, path, value]) => {
    const beacon = structuredClone(valid) as Record<string, unknown>;
    const [top, inner] = path.split('.');
    if (inner) Object.defineProperty((beacon[top!] ??= {}) as object, inner, { value, enumerable: true, configurable: true, writable: true });
    else beacon[top!] = value;
    return beacon;
  });
/** 20-70 K characters of a repeated random unit (cheaper to generate than one random string that size). */
const hugeString = fc.tuple(fc.integer({ min: 20_000, max: 70_000 }), fc.string({ minLength: 1, maxLength: 3 })).map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length)));
const deepNesting = fc.tuple(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom('[', '{"a":')).map(([depth, open]) => open.repeat(depth));

const input = (body: unknown, contentType = 'text/plain;charset=UTF-8'): HandleInput => ({
  method: 'POST',
  headers: { origin: ORIGIN, 'content-type': contentType },
  body,
  ip: '203.0.113.1',
});

async function expectSafe(body: unknown, contentType?: string) {
  const out = await handle(input(body, contentType));
  expect(out.status).toBeLessThan(500);
  expect(() => JSON.parse(out.body) as unknown).not.toThrow();
  if (out.status < 300) {
    // Only a body that is a valid beacon (a bot's dropped one included) gets a 2xx.
    const parsed = typeof body == 'object' && body !== null && !Buffer.isBuffer(body) ? body : JSON.parse(Buffer.isBuffer(body) ? body.toString() : String(body));
    expect(parseBeacon(parsed).ok).toBe(true);
  }
  for (const lead of accepted) {
    expect(Object.getPrototypeOf(lead.formData)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(lead.attributionData)).toBe(Object.prototype);
  }
}

/** The keys attribution.ts may add; a cookie never reaches LeadTrackr under its own name. */
const RESOLVED_KEYS = new Set([
  ...['gclid', 'gbraid', 'wbraid', 'dclid', 'msclkid', 'ttclid', 'li_fat_id', 'twclid', 'epik', 'scclid', 'rdt_cid', 'oppref', 'gad_source', 'gad_campaignid'],
  ...['fbc', 'cid', 'fbp', 'uetvid', 'ttp', 'scid', 'rdt_uuid', 'obref'],
]);

// Thousands of runs take a few seconds alone and several times that beside the other test files on 2 cores.
describe('handle under fuzzing', { timeout: 60_000 }, () => {
  it('survives arbitrary JSON text', async () => {
    await fc.assert(fc.asyncProperty(fc.json(), (text) => expectSafe(text)), { numRuns: RUNS });
  });

  it('survives hostile values with __proto__ and constructor keys, as text and pre-parsed', async () => {
    await fc.assert(
      fc.asyncProperty(hostileValue, async (value) => {
        await expectSafe(JSON.stringify(value));
        await expectSafe(value, 'application/json');
      }),
      { numRuns: RUNS },
    );
  });

  it('survives valid beacons with one field made hostile', async () => {
    await fc.assert(fc.asyncProperty(mutatedBeacon, (beacon) => expectSafe(JSON.stringify(beacon))), { numRuns: RUNS });
  });

  it('forwards only the attribution keys the beacon sent or the endpoint resolved, never a cookie name', async () => {
    const cookieValue = fc.oneof(fc.string(), fc.constantFrom('GCL.1.x', '_uetx', 'GA1.1.1.2', 'GS2.1.s1$o1', 'x'.repeat(5_000)));
    const withCookies = fc
      .tuple(fc.constantFrom(validBeacon, validFieldsBeacon, validCookiesBeacon), fc.dictionary(hostileKey, cookieValue, { maxKeys: 10 }))
      .map(([beacon, extra]) => ({ ...beacon, cookies: { ...validCookiesBeacon.cookies, ...extra } }));
    await fc.assert(
      fc.asyncProperty(withCookies, async (beacon) => {
        accepted.length = 0;
        await expectSafe(JSON.stringify(beacon));
        expect(accepted).toHaveLength(1);
        const sent = Object.keys(beacon.attributionData);
        for (const key of Object.keys(accepted[0]!.attributionData)) expect(sent.includes(key) || RESOLVED_KEYS.has(key)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('survives random bytes, invalid UTF-8 included', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2_000 }), (bytes) => expectSafe(Buffer.from(bytes))), { numRuns: RUNS });
  });

  it('survives deep nesting and huge strings', async () => {
    await fc.assert(
      fc.asyncProperty(deepNesting, hugeString, async (nested, huge) => {
        await expectSafe(nested);
        await expectSafe(JSON.stringify({ ...validBeacon, formData: { message: huge } }));
        await expectSafe(JSON.stringify({ ...validFieldsBeacon, fields: [{ n: 'message', v: [huge] }] }));
      }),
      { numRuns: 200 },
    );
  });

  it('survives a valid beacon that arrives as a JSON string of itself', async () => {
    await expectSafe(JSON.stringify(JSON.stringify(validBeacon)));
  });
});
