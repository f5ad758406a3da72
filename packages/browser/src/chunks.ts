/**
 * What a page needs only sometimes lives in `leadbeacon-forms.js`, built beside leadbeacon.js
 * (build.mjs, src/chunk.ts) and loaded from beside the script when the page shows a sign of it:
 * form builders that report a submission's outcome (every WordPress form plugin loads its script
 * from wp-content, wp-includes on any WordPress page), HubSpot's embeds (from *.hsforms.net), and
 * cross-origin iframes that hand attribution over (`data-frame-origins`). One file, not one per
 * feature: each sign and name more here costs every page view bytes of the script.
 */
export const CHUNK_SIGNS = '[data-frame-origins],[src*=wp-],[src*=hsforms]';

/**
 * What the chunk gets from the script (`leadbeacon('_x')`): the one lead path, submitLead. A lead's
 * own keys come last in the beacon, so the chunk may set a parent page's attributionData, cookies
 * and channelFlow on it.
 */
export type Submit = (lead: object, key: unknown) => void;
