/**
 * Parses untrusted JSON (native files, JSON Canvas) with the guards JSON.parse lacks: a size
 * limit, a nesting limit, and a refusal of keys that could reach an object's prototype when
 * code later copies the parsed value. Both are checked on the parsed value, before anything
 * else reads it.
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

/**
 * The first problem of a parsed JSON value: nesting deeper than MAX_JSON_DEPTH or a key that
 * could reach a prototype. Iterative (a hostile file may nest a million levels, and V8's
 * JSON.parse, itself iterative, accepts that), and it stops at the first problem.
 */
function firstProblem(root: unknown): 'deep' | { key: string } | undefined {
  if (typeof root !== 'object' || root === null) return undefined;
  const values: object[] = [root];
  const depths: number[] = [1];
  while (values.length > 0) {
    const value = values.pop() as object;
    const depth = depths.pop() as number;
    if (depth > MAX_JSON_DEPTH) return 'deep';
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) {
        if (typeof item === 'object' && item !== null) {
          values.push(item);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    for (const key in value) {
      if (FORBIDDEN_KEYS.has(key)) return { key };
      const item = (value as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null) {
        values.push(item);
        depths.push(depth + 1);
      }
    }
  }
  return undefined;
}

export function parseJsonSafely(
  input: string,
  what: string,
  maxBytes = MAX_IMPORT_BYTES,
): Result<unknown, ExchangeError> {
  const text = stripBom(input);
  const size = checkInputSize(text, what, maxBytes);
  if (!size.ok) return size;
  let parsed: unknown;
  try {
    // No reviver: one called for each of a 100,000-node file's millions of values doubles the
    // parse; the parsed value is walked once below instead.
    parsed = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return err(
      exchangeError('bad_request.import_malformed', `${what} is not valid JSON: ${detail}`),
    );
  }
  // JSON.parse makes `__proto__` an own data property (no prototype is changed), so checking
  // after parsing is safe; nothing reads the value before this check.
  const problem = firstProblem(parsed);
  if (problem === 'deep') {
    return err(
      exchangeError(
        'bad_request.import_too_deep',
        `${what} nests deeper than the limit of ${MAX_JSON_DEPTH} levels`,
      ),
    );
  }
  if (problem !== undefined) {
    return err(
      exchangeError('bad_request.import_unsafe', `${what} uses the forbidden key "${problem.key}"`),
    );
  }
  return ok(parsed);
}
