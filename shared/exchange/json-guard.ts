/**
 * Parses untrusted JSON (native files, JSON Canvas) with the guards JSON.parse lacks: a size
 * limit, a nesting limit checked before parsing, and a refusal of keys that could reach an
 * object's prototype when code later copies the parsed value.
 */
import { err, ok, type Result } from '../model/result';
import { MAX_IMPORT_BYTES, MAX_JSON_DEPTH } from './limits';
import { checkInputSize, stripBom } from './text';
import { exchangeError, type ExchangeError } from './types';

/** Keys no format of ours uses and a hostile file may use to reach Object.prototype. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** Deepest bracket nesting of a JSON text, scanning no further once `limit` is passed. */
function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

export function parseJsonSafely(
  input: string,
  what: string,
  maxBytes = MAX_IMPORT_BYTES,
): Result<unknown, ExchangeError> {
  const text = stripBom(input);
  const size = checkInputSize(text, what, maxBytes);
  if (!size.ok) return size;
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    return err(
      exchangeError(
        'bad_request.import_too_deep',
        `${what} nests deeper than the limit of ${MAX_JSON_DEPTH} levels`,
      ),
    );
  }
  let forbidden: string | undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (key, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) forbidden ??= key;
      return value;
    });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return err(
      exchangeError('bad_request.import_malformed', `${what} is not valid JSON: ${detail}`),
    );
  }
  if (forbidden !== undefined) {
    return err(
      exchangeError('bad_request.import_unsafe', `${what} uses the forbidden key "${forbidden}"`),
    );
  }
  return ok(parsed);
}
