/**
 * The candidates for a form's name the browser script reads (the beacon's `form`): each the
 * attribute's value or the heading's text, absent when empty.
 */
export interface FormNames {
  /** `data-lb-form-name` */
  d?: string | undefined;
  /** the `name` attribute (an attribute: an input named "name" shadows `form.name`) */
  n?: string | undefined;
  /** `id` */
  i?: string | undefined;
  /** `aria-label` */
  a?: string | undefined;
  /** the first heading inside the form, else the nearest heading before it */
  h?: string | undefined;
}

/** The form's name for LeadTrackr, first found of: data-lb-form-name, name, id, aria-label, heading. */
export function formName({ d, n, i, a, h }: FormNames): string {
  return (d || n || i || a || h || '').slice(0, 200);
}
