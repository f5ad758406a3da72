/**
 * The origins named in `data-frame-origins` (space or comma separated), each normalised to
 * `scheme://host[:port]`. Only exact origins count: a wildcard, a path or anything unparsable is
 * dropped, so attribution never goes to an origin the site owner did not name.
 */
export function frameOrigins(attribute: string | null): string[] {
  const origins: string[] = [];
  for (const item of (attribute || '').split(/[\s,]+/)) {
    try {
      const { origin } = new URL(item);
      // URL takes '*' as a host character: a wildcard is refused by name.
      if (origin != 'null' && !item.includes('*') && origin == item.replace(/\/$/, '')) origins.push(origin);
    } catch {
      // Not a URL: not an origin.
    }
  }
  return origins;
}

/** The keys of `getAttribution()` a parent page hands over; nothing else of a message is taken. */
export function pickAttribution(value: unknown): Record<string, unknown> | undefined {
  const { attributionData, cookies, channelFlow, uniqueIdentifier } = Object(value);
  if (!attributionData || typeof attributionData != 'object') return undefined;
  const picked: Record<string, unknown> = { attributionData };
  if (cookies && typeof cookies == 'object') picked.cookies = cookies;
  if (Array.isArray(channelFlow)) picked.channelFlow = channelFlow;
  if (typeof uniqueIdentifier == 'string') picked.uniqueIdentifier = uniqueIdentifier;
  return picked;
}
