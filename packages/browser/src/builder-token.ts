import type { Field } from './beacon';

// A form builder's per-form token in a hidden field, whatever its name (Formidable's
// frm_submit_entry_5, Gravity Forms' state_1, gform_unique_id): noise shaped like a WordPress
// nonce (10+ lower-case hex digits, a letter among them) or base64 (20+ characters mixing cases
// and digits). A hidden plan, product or campaign code a site owner adds is words ("pro-annual",
// "SPRING2025", "summer_sale_2025") and still arrives. Names that say nonce, token or csrf are
// left out on every form (sensitive.ts).
const TOKEN = /^(?=.*\d)(?=.*[a-z])([\da-f]{10,}|(?=.*[A-Z])[\w+/=-]{20,})$/;

/** True for a hidden field of a builder's form whose value looks like a security token. */
export function isBuilderToken({ t, v }: Field): boolean {
  return t == 'hidden' && v.some((value) => TOKEN.test(value));
}
