import type { FormNames } from '../intake/schema.js';

/** The form's name for LeadTrackr, first found of: data-lb-form-name, name, id, aria-label, heading. */
export function formName({ d, n, i, a, h }: FormNames): string {
  return (d || n || i || a || h || '').slice(0, 200);
}
