import { z } from 'zod';

// Caps keep one beacon within the browser's 64 KiB keepalive budget and LeadTrackr's limits.
const text = (max: number) => z.string().max(max);
const fieldValue = z.union([text(10_000), z.array(text(1_000)).max(100)]);

// Keys that name prototype slots are refused, so no later `obj[key]` write can reach a prototype.
// zod itself already leaves a `__proto__` key out of the records it builds (it never reaches the refine).
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const key = (max: number) =>
  text(max).min(1).refine((k) => !UNSAFE_KEYS.has(k), { message: 'must not be "__proto__", "constructor" or "prototype"' });
const record = <V extends z.ZodType>(keyMax: number, value: V, maxKeys: number) =>
  z.record(key(keyMax), value).refine((r) => Object.keys(r).length <= maxKeys, { message: `must have at most ${maxKeys} keys` });

/** The beacon the browser script sends. Unknown keys are rejected so typos surface as 400s. */
export const beaconSchema = z.strictObject({
  uniqueEventId: z.string().regex(/^[\w-]{8,64}$/, 'must be 8 to 64 letters, digits, "_" or "-"'),
  userData: z.strictObject({
    firstName: text(200).optional(),
    lastName: text(200).optional(),
    email: text(320).optional(),
    phone: text(50).optional(),
    companyName: text(200).optional(),
  }),
  attributionData: record(100, z.union([text(2_000), record(50, text(50), 10)]), 50).default({}),
  formData: record(200, fieldValue, 100).default({}),
  channelFlow: z
    .array(
      z.strictObject({
        t: z.number().int().nonnegative(),
        ch: z.strictObject({ s: text(200), m: text(200), cm: text(200).optional(), ct: text(200).optional(), tm: text(200).optional() }),
        lp: text(100),
      }),
    )
    .max(25)
    .optional(),
  // LeadTrackr's own cap (../shared/reference/leadtrackr.md).
  uniqueIdentifier: text(255).optional(),
  pageMs: z.number().int().nonnegative().max(2_147_483_647).optional(),
  hp: text(1_000).optional(),
});

export type Beacon = z.infer<typeof beaconSchema>;

export type ParseResult = { ok: true; beacon: Beacon } | { ok: false; issues: { path: string; message: string }[] };

/** Validates an already JSON-parsed body; issues name the field (`userData.email`). */
export function parseBeacon(body: unknown): ParseResult {
  const result = beaconSchema.safeParse(body);
  if (result.success) return { ok: true, beacon: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message })),
  };
}
