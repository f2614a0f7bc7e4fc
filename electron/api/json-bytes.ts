/**
 * An `/rpc` answer as JSON bytes (docs/canvas-performance.md, "First frame": `graph.columns`
 * of a 100,000-node plan is ~21 MB). Handed a JSON string, the HTTP layer measures it
 * (`Buffer.byteLength`) and encodes it on the way out: two passes. And a string with one
 * character past U+00FF anywhere (an emoji in one title) arrives in the page as a two-byte
 * string, which the page decodes and `JSON.parse`s ~70 ms slower at that size than the same
 * JSON in ASCII. So the answer is encoded once, to ASCII: every character past 0x7F written as
 * `\uXXXX` (surrogate pairs as two escapes), which is the same JSON to any parser — outside
 * strings JSON is ASCII, so only string contents change form, never meaning.
 */

import { drain, type Steps } from '../../shared/engine/steps';

const HEX = Buffer.from('0123456789abcdef', 'latin1');

/**
 * Objects nested at most this deep are written key by key, and each value below them is
 * stringified on its own, as a part of its own: `graph.columns`' columns, and each of their
 * arrays. One title with an emoji makes a string holding it a two-byte string, slower to
 * write, encode and scan; written in parts, only the parts holding such text are, and the
 * rest stay ASCII and are never searched for escapes.
 */
const SPLIT_DEPTH = 5;

/**
 * Arrays longer than this are written this many elements at a time, a step each: at 100,000
 * records one column (the titles, escaped) was ~0.25 s in one piece, and the server answered
 * nothing else meanwhile (docs/store.md, "Opening in turns").
 */
const ARRAY_CHUNK = 8_192;

/** A value stringified to at least this many characters is a part of its own. */
const OWN_PART_CHARS = 64 * 1024;

/** Bytes copied into the answer between two steps when the parts are joined. */
const JOIN_BYTES = 4 << 20;

/** `value` as JSON.stringify writes it, with every non-ASCII UTF-16 unit escaped, as bytes. */
export function jsonBytes(value: unknown): Buffer<ArrayBuffer> {
  return drain(jsonByteSteps(value));
}

/**
 * `jsonBytes` in steps (shared/engine/steps.ts): a yield after each value written on its own
 * (`graph.columns`' columns), each chunk of a long array, and each few MB of the joining, so
 * the server can answer others while it writes a large answer. The value must not change
 * meanwhile (the service's answers are made for the one request).
 */
export function* jsonByteSteps(value: unknown): Steps<Buffer<ArrayBuffer>> {
  const parts: Buffer<ArrayBuffer>[] = [];
  yield* writeParts(value, 0, parts);
  if (parts.length === 1) return parts[0]!;
  let total = 0;
  for (const part of parts) total += part.length;
  const out = Buffer.allocUnsafe(total);
  let at = 0;
  let since = 0;
  for (const part of parts) {
    at += part.copy(out, at);
    since += part.length;
    if (since >= JOIN_BYTES) {
      since = 0;
      yield;
    }
  }
  return out;
}

function* writeParts(value: unknown, depth: number, parts: Buffer<ArrayBuffer>[]): Steps<void> {
  if (isPlainArray(value) && value.length > ARRAY_CHUNK) {
    yield* writeArray(value, parts);
    return;
  }
  if (depth >= SPLIT_DEPTH || !isPlainObject(value)) {
    parts.push(asciiBytes(JSON.stringify(value)));
    return;
  }
  // Small values are written into the text of the object around them (an ordinary answer is a
  // part or two); a large one is a part of its own.
  let text = '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const v = value[key];
    // What JSON.stringify leaves out of an object.
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    text += `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    // Objects down to SPLIT_DEPTH key by key, and long arrays at any depth a chunk at a time.
    const long = isPlainArray(v) && v.length > ARRAY_CHUNK;
    if (long || (isPlainObject(v) && depth + 1 < SPLIT_DEPTH)) {
      parts.push(asciiBytes(text));
      text = '';
      yield* writeParts(v, depth + 1, parts);
    } else {
      const json = JSON.stringify(v);
      if (json.length < OWN_PART_CHARS) text += json;
      else {
        parts.push(asciiBytes(text), asciiBytes(json));
        text = '';
      }
    }
    yield;
  }
  parts.push(asciiBytes(`${text}}`));
}

/** A long array, ARRAY_CHUNK elements a part and a step (each chunk as JSON.stringify writes it). */
function* writeArray(list: readonly unknown[], parts: Buffer<ArrayBuffer>[]): Steps<void> {
  for (let from = 0; from < list.length; from += ARRAY_CHUNK) {
    const chunk = JSON.stringify(list.slice(from, from + ARRAY_CHUNK));
    const last = from + ARRAY_CHUNK >= list.length;
    // The chunk's own brackets dropped: "[" before the first, "," between, "]" after the last.
    parts.push(asciiBytes(`${from === 0 ? '[' : ','}${chunk.slice(1, -1)}${last ? ']' : ''}`));
    yield;
  }
}

/** An array JSON.stringify writes element by element (no `toJSON` of its own). */
function isPlainArray(value: unknown): value is unknown[] {
  return Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** An object JSON.stringify writes key by key (no `toJSON`, no class of its own). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (
    (proto === Object.prototype || proto === null) &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  );
}

/** JSON text as bytes, every non-ASCII UTF-16 unit escaped. */
function asciiBytes(text: string): Buffer<ArrayBuffer> {
  const utf8 = Buffer.from(text, 'utf8');
  // As many bytes as UTF-16 units: all ASCII (the common case), nothing to escape.
  if (utf8.length === text.length) return utf8;
  return escapeUtf8(utf8);
}

/**
 * Well-formed UTF-8 (JSON.stringify escapes lone surrogates, so Node's encoder never has to
 * replace one) with each non-ASCII sequence replaced by its escapes: the ASCII runs between
 * them copied natively, found by one scan for lead bytes.
 */
function escapeUtf8(utf8: Buffer): Buffer<ArrayBuffer> {
  const leads: number[] = [];
  let extra = 0;
  const lead = (i: number): void => {
    const b = utf8[i]!;
    if (b < 0xc0) return; // ASCII, or a continuation byte (counted with its lead)
    leads.push(i);
    // 2 and 3 bytes become one escape (6 bytes), 4 bytes a surrogate pair (12).
    extra += b < 0xe0 ? 4 : b < 0xf0 ? 3 : 8;
  };
  // Four bytes at a time where the buffer is aligned (its own ArrayBuffer at this size).
  let i = 0;
  if (utf8.byteOffset % 4 === 0) {
    const words = new Uint32Array(utf8.buffer, utf8.byteOffset, utf8.length >> 2);
    for (let w = 0; w < words.length; w++) {
      if ((words[w]! & 0x80808080) === 0) continue;
      for (let k = w * 4; k < w * 4 + 4; k++) lead(k);
    }
    i = words.length * 4;
  }
  for (; i < utf8.length; i++) lead(i);
  const out = Buffer.allocUnsafe(utf8.length + extra);
  let from = 0;
  let at = 0;
  for (const i of leads) {
    at += utf8.copy(out, at, from, i);
    const b = utf8[i]!;
    let code: number;
    if (b < 0xe0) {
      code = ((b & 0x1f) << 6) | (utf8[i + 1]! & 0x3f);
      from = i + 2;
    } else if (b < 0xf0) {
      code = ((b & 0x0f) << 12) | ((utf8[i + 1]! & 0x3f) << 6) | (utf8[i + 2]! & 0x3f);
      from = i + 3;
    } else {
      const point =
        ((b & 0x07) << 18) |
        ((utf8[i + 1]! & 0x3f) << 12) |
        ((utf8[i + 2]! & 0x3f) << 6) |
        (utf8[i + 3]! & 0x3f);
      at = writeEscape(out, at, 0xd800 + ((point - 0x10000) >> 10));
      code = 0xdc00 + ((point - 0x10000) & 0x3ff);
      from = i + 4;
    }
    at = writeEscape(out, at, code);
  }
  utf8.copy(out, at, from);
  return out;
}

/** `\uXXXX` (lower-case hex, as JSON.stringify writes its own escapes) at `at`. */
function writeEscape(out: Buffer, at: number, unit: number): number {
  out[at] = 0x5c; // \
  out[at + 1] = 0x75; // u
  out[at + 2] = HEX[(unit >> 12) & 15]!;
  out[at + 3] = HEX[(unit >> 8) & 15]!;
  out[at + 4] = HEX[(unit >> 4) & 15]!;
  out[at + 5] = HEX[unit & 15]!;
  return at + 6;
}
