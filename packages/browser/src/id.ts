/**
 * A random 128-bit id in hex. crypto.randomUUID exists only in secure contexts,
 * so a lead form on plain http would get no id; getRandomValues works everywhere. A page may have
 * broken it (it throws, or fills nothing): Math.random, mixed in always, still makes the id one
 * that no other lead has, which is all deduplication needs.
 */
export function newEventId(): string {
  const bytes = new Uint8Array(16);
  let id = '';
  try {
    crypto.getRandomValues(bytes);
  } catch {}
  for (const b of bytes) id += ((b ^ (Math.random() * 256)) | 256).toString(16).slice(1);
  return id;
}
