import { MAX_BODY_BYTES, type HandleInput } from './handle.js';

/**
 * Reads a request body for the adapters that read it themselves (fetch, standalone): at most
 * 64 KiB, uncompressed, as UTF-8 text (invalid bytes become U+FFFD). Stops at the first chunk past
 * the limit; what the caller does with the rest of the stream is its own (cancel, or drain).
 */
export async function readBody(
  contentEncoding: string | null | undefined,
  contentLength: string | null | undefined,
  chunks: AsyncIterable<Uint8Array> | null,
): Promise<Pick<HandleInput, 'body' | 'bodyError'>> {
  if (contentEncoding && contentEncoding.toLowerCase() !== 'identity') return { body: '', bodyError: 'unsupported_encoding' };
  if (Number(contentLength) > MAX_BODY_BYTES) return { body: '', bodyError: 'too_large' };
  if (!chunks) return { body: '' };
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of chunks) {
      size += chunk.byteLength;
      if (size > MAX_BODY_BYTES) return { body: '', bodyError: 'too_large' };
      parts.push(chunk);
    }
  } catch {
    return { body: '', bodyError: 'aborted' };
  }
  return { body: Buffer.concat(parts).toString('utf8') };
}
