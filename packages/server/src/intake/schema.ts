import { z } from 'zod';
import { ID_MAX } from '../lead/attribution.js';
import { trimFields } from '../lead/fields.js';

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

// The script cuts every string of `fields`, `form` and `hp` to at most 10,000 characters (its
// fit-beacon.ts) and leaves counts to the 64 KiB body limit; these caps are that, with room.
const fieldText = text(10_000);
/**
 * One form field as the browser script sends it, already through its sensitive-data filter. Short
 * keys keep the script small (esbuild never shortens property names): n name, v values (checked,
 * selected or typed), t `input.type` (or textarea, select-one, select-multiple; absent: text),
 * a autocomplete, i id, p placeholder, l label text (a checkbox's or radio's: its legend),
 * f `data-lb-field` (a userData key, `name` for a full name, `formMessage`, `uniqueIdentifier`).
 */
const field = z.strictObject({
  n: fieldText,
  // No count cap here: trimFields keeps the first MAX_VALUES, and the 64 KiB body bounds the list.
  v: z.array(fieldText),
  t: fieldText.optional(),
  a: fieldText.optional(),
  i: fieldText.optional(),
  p: fieldText.optional(),
  l: fieldText.optional(),
  f: fieldText.optional(),
});
/**
 * A captured form's name candidates, in the order they are tried: d `data-lb-form-name`, n the
 * name attribute, i id, a aria-label, h the first heading inside the form, else the nearest before it.
 */
const formNames = z.strictObject({ d: fieldText.optional(), n: fieldText.optional(), i: fieldText.optional(), a: fieldText.optional(), h: fieldText.optional() });

// The page no longer drops a value too long to be an id; left out here, it cannot cost the lead
// a 400. ID_MAX is the cap the endpoint has always held attribution values to. 4,096 bytes is what
// browsers hold of one cookie, name and value together (RFC 6265 §6.1's minimum, which Chrome and
// Firefox keep to), so a longer value is not one a page read from a cookie. 64 cookies is about
// twice the names attribution.ts reads, with room for a few GA4 properties' `_ga_<ID>`.
const COOKIE_VALUE_MAX = 4_096;
const COOKIE_NAME_MAX = 100;
const COOKIES_MAX = 64;

const withoutLongStrings = <V>(record: Record<string, V>) =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => typeof v != 'string' || v.length <= ID_MAX));

/**
 * Raw cookie values the page read, by name, URL-decoded; attribution.ts picks the ones it knows.
 * Entries no cookie could be are left out rather than refused (a site's own cookies decide what
 * the page finds, and a 400 would cost the lead): an empty or over-long name, a prototype-slot
 * name, a value over 4,096 characters, and every entry after the 64th.
 */
const cookies = z.record(z.string(), z.string()).transform((record) =>
  Object.fromEntries(
    Object.entries(record)
      .filter(([name, value]) => name.length > 0 && name.length <= COOKIE_NAME_MAX && !UNSAFE_KEYS.has(name) && value.length <= COOKIE_VALUE_MAX)
      .slice(0, COOKIES_MAX),
  ),
);

const flowEntry = z.strictObject({
  t: z.number().int().nonnegative(),
  ch: z.strictObject({ s: text(200), m: text(200), cm: text(200).optional(), ct: text(200).optional(), tm: text(200).optional() }),
  lp: text(100),
});

/** The entries of a flow read from `lt_channelflow` that a beacon's channelFlow could hold, at most the last 25. */
export function validFlowEntries(entries: unknown[]): Beacon['channelFlow'] & {} {
  return entries.flatMap((entry) => {
    const result = flowEntry.safeParse(entry);
    return result.success ? [result.data] : [];
  }).slice(-25);
}

export type Field = z.infer<typeof field>;
export type FormNames = z.infer<typeof formNames>;

/**
 * The beacon the browser script sends. Unknown keys are rejected so typos surface as 400s.
 * The script sends a form's raw `fields` and its name candidates (`form`); fields.ts maps them.
 * `userData` and `formData` are the older, already-mapped shape: scripts cached before the
 * mapping moved here and leads queued in a visitor's browser still send it, and a host may post it.
 */
export const beaconSchema = z.strictObject({
  uniqueEventId: z.string().regex(/^[\w-]{8,64}$/, 'must be 8 to 64 letters, digits, "_" or "-"'),
  userData: z
    .strictObject({
      firstName: text(200).optional(),
      lastName: text(200).optional(),
      email: text(320).optional(),
      phone: text(50).optional(),
      companyName: text(200).optional(),
    })
    .default({}),
  /**
   * The ids of this page's URL (click ids, the fbc it built), conversionPage and consent; the older
   * shape has every id resolved. A string over 2,000 characters is left out, not refused.
   */
  attributionData: record(100, z.union([z.string(), record(50, text(50), 10)]), 50)
    .transform(withoutLongStrings)
    .default({}),
  cookies: cookies.optional(),
  /** Server mode: the page's URL; the endpoint reads its click ids (the page reads no cookie to build fbc). */
  url: text(8_192).optional(),
  formData: record(200, fieldValue, 100).default({}),
  // A form over MAX_FIELDS fields is trimmed (trimFields below), not refused: the lead must arrive.
  fields: z.array(field).optional(),
  /** Present only for a captured <form> (not for the JS API's `send`): its name candidates. */
  form: formNames.optional(),
  channelFlow: z.array(flowEntry).max(25).optional(),
  // LeadTrackr's own cap (../shared/reference/leadtrackr.md).
  uniqueIdentifier: text(255).optional(),
  pageMs: z.number().int().nonnegative().max(2_147_483_647).optional(),
  hp: fieldText.optional(),
  /** The script left fields out or cut values to fit its 60,000-byte body (its fit-beacon.ts). */
  trimmed: z.literal(true).optional(),
})
  .transform((beacon) => {
    const { fields, trimmed } = trimFields(beacon.fields ?? []);
    return trimmed ? { ...beacon, fields, trimmed } : beacon;
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

const consentState = z.enum(['granted', 'denied']);
const consentSignals = z.strictObject({
  ad_storage: consentState.optional(),
  analytics_storage: consentState.optional(),
  ad_user_data: consentState.optional(),
  ad_personalization: consentState.optional(),
});

/**
 * A page view in server mode: what only the page knows. u the page's URL, r its referrer, q true under
 * `data-consent="required"`, c the consent the page was told through the JS API, l Consent Mode's
 * state from `dataLayer` (the CMP's cookies the endpoint reads itself), s `data-session-minutes`,
 * k `data-click-id-days`, d `data-cookie-domain`, p `data-utm-params`. 8 KiB holds any URL a browser
 * sends in practice.
 */
export const pageViewSchema = z.strictObject({
  u: text(8_192),
  r: text(8_192).optional(),
  q: z.boolean().optional(),
  c: consentSignals.optional(),
  l: consentSignals.optional(),
  // Up to a month of session and the 400 days browsers keep a cookie at most (RFC 6265bis).
  s: z.number().positive().max(43_200).optional(),
  k: z.number().positive().max(400).optional(),
  d: text(253).optional(),
  p: z.array(text(100)).max(5).optional(),
});

export type PageViewBody = z.infer<typeof pageViewSchema>;

/** Validates an already JSON-parsed page-view body; issues as parseBeacon's. */
export function parsePageView(body: unknown): { ok: true; view: PageViewBody } | { ok: false; issues: { path: string; message: string }[] } {
  const result = pageViewSchema.safeParse(body);
  if (result.success) return { ok: true, view: result.data };
  return { ok: false, issues: result.error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message })) };
}
