/**
 * An `/rpc` answer as JSON bytes (docs/canvas-performance.md, "First frame": `graph.columns`
 * of a 100,000-node plan is ~21 MB). A JSON string handed to the HTTP layer is measured
 * (`Buffer.byteLength`) and encoded to UTF-8 on the way out: two passes over it, and a
 * two-byte string (one non-Latin-1 title anywhere) is slow in both. Written as ASCII instead —
 * every character past 0x7F escaped as `\uXXXX`, which is the same JSON to any parser — the
 * bytes are a plain copy of the string (`latin1`), and a large answer is handed out in 1 MB
 * views of one buffer so the socket takes it piece by piece.
 */

/** Answers up to this size go out in one piece; larger ones as views of this size. */
export const JSON_CHUNK_BYTES = 1024 * 1024;

const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_ALL = /[\u0080-\uffff]/g;

const escapeUnit = (unit: string): string =>
  `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * `value` as JSON.stringify writes it, with every non-ASCII UTF-16 unit escaped (outside
 * strings JSON is ASCII, so only string contents change form, never meaning; surrogate pairs
 * become two escapes, as JSON allows), as bytes.
 */
export function jsonBytes(value: unknown): Uint8Array<ArrayBuffer> {
  const text = JSON.stringify(value);
  const ascii = NON_ASCII.test(text) ? text.replace(NON_ASCII_ALL, escapeUnit) : text;
  return Buffer.from(ascii, 'latin1');
}

/**
 * The bytes as a response body: small ones as they are, larger ones as a stream of views
 * (no copy) of at most `chunk` bytes, pulled as the socket drains.
 */
export function jsonBody(
  bytes: Uint8Array<ArrayBuffer>,
  chunk = JSON_CHUNK_BYTES,
): Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array<ArrayBuffer>> {
  if (bytes.byteLength <= chunk) return bytes;
  let at = 0;
  return new ReadableStream<Uint8Array<ArrayBuffer>>({
    pull(controller) {
      const end = Math.min(at + chunk, bytes.byteLength);
      controller.enqueue(bytes.subarray(at, end));
      at = end;
      if (at >= bytes.byteLength) controller.close();
    },
  });
}
