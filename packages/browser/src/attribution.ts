import { readBrowserIds } from './browser-ids';
import { ownCookie, readClickIds } from './click-ids';
import { fbcFor } from './fbc';

/**
 * The attribution ids for a lead from the page URL's query and the cookies: URL first, then the
 * vendor's cookie, then the script's own copy; an id that is not there is left out, never invented.
 * Returns [every id under LeadTrackr's attributionData keys, the ids this page view brought (click
 * ids in the URL, an fbc built from fbclid) to keep in the script's own cookies].
 */
export function readAttribution(
  params: URLSearchParams,
  cookies: Record<string, string | undefined>,
  nowMs: number,
  fbcSubdomainIndex: number,
): [Record<string, string>, Record<string, string>] {
  const [ids, keep] = readClickIds(params, cookies);
  const fbclid = params.get('fbclid');
  const fbc = fbcFor(fbclid, [cookies._fbc, cookies[ownCookie('fbc')]], nowMs, fbcSubdomainIndex);
  if (fbc) ids.fbc = fbc;
  if (fbclid) keep.fbc = fbc!;
  Object.assign(ids, readBrowserIds(cookies));
  // The endpoint refuses a value over 2,000 characters, which would cost the whole lead; no real id is that long.
  for (const key in ids) if (ids[key]!.length > 2000) delete ids[key];
  return [ids, keep];
}
