/** Picks the LeadTrackr project of a request from its Origin; never from the beacon body. */
export type ProjectIdResolver = (origin: string) => string | undefined;

/**
 * Compiles a map from origin (`https://shop.example.com`) or hostname (`shop.example.com`) to
 * projectId. An exact origin wins over its hostname; `fallback` (the `projectId` option) covers
 * the rest. Throws a TypeError naming a key that is neither form or a value that is empty.
 */
export function compileProjectIds(projectIds: Readonly<Record<string, string>>, fallback: string | undefined): ProjectIdResolver {
  const byOrigin = new Map<string, string>();
  const byHost = new Map<string, string>();
  for (const [key, projectId] of Object.entries(projectIds)) {
    if (typeof projectId != 'string' || !projectId) {
      throw new TypeError(`Expected \`projectIds[${JSON.stringify(key)}]\` to be a non-empty string`);
    }
    if (URL.canParse(key) && new URL(key).origin === key) byOrigin.set(key, projectId);
    else if (/^[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(key)) byHost.set(key.toLowerCase(), projectId);
    else throw new TypeError(`Expected \`projectIds\` keys to be origins or hostnames, got ${JSON.stringify(key)}`);
  }
  if (byOrigin.size === 0 && byHost.size === 0) return () => fallback;
  return (origin) => {
    const exact = byOrigin.get(origin);
    if (exact) return exact;
    const hostname = URL.canParse(origin) ? new URL(origin).hostname : undefined;
    return (hostname && byHost.get(hostname)) || fallback;
  };
}
