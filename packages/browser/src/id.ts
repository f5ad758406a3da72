/**
 * A random 128-bit id in hex. crypto.randomUUID exists only in secure contexts,
 * so a lead form on plain http would get no id; getRandomValues works everywhere.
 */
export function newEventId(): string {
  let id = '';
  for (const b of crypto.getRandomValues(new Uint8Array(16))) id += (b | 256).toString(16).slice(1);
  return id;
}
