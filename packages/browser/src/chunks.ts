/**
 * What a page needs only sometimes lives in `leadbeacon-forms.js`, built beside leadbeacon.js
 * (build.mjs, src/chunk.ts) and loaded from the script's own URL when the page shows a sign of it:
 * form builders that report a submission's outcome (every WordPress form plugin loads its script
 * from wp-content, wp-includes on any WordPress page), HubSpot's embeds (from *.hsforms.net), and
 * cross-origin iframes that hand attribution over (`data-frame-origins`). One file, not one per
 * feature: each name and selector more in this table costs every page's script bytes.
 */
const SIGNS = '[src*=wp-],[src*=hsforms],[data-frame-origins]';

/**
 * What the chunk gets from the script (`leadbeacon('_x')`): the one lead path (submitLead), and
 * the setter of the attribution a parent page handed over.
 */
export type Internals = [submit: (lead: object, key: unknown) => void, inherit: (attribution: object) => void];

/** Loads the chunk when the page shows a sign of needing it, from the directory of `src` (the script's URL). */
export function loadChunk(doc: Document, src: string): void {
  if (doc.querySelector(SIGNS)) doc.head.append(Object.assign(doc.createElement('script'), { src: new URL('leadbeacon-forms.js', src) }));
}
