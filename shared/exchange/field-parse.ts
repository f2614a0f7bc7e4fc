/** Parsing of loosely typed cell and attribute text (CSV, GraphML) into model fields. */
import { err, ok, type Result } from '../model/result';
import { exchangeError, type ExchangeError, shown, type Where } from './types';

const invalid = (message: string) => err(exchangeError('bad_request.import_invalid', message));

/** Tags as we write them (a JSON array) or as people do (`a, b, c`). */
export function parseTags(text: string, where: Where): Result<string[], ExchangeError> {
  return parseList(text, 'tags', where);
}

/** A list (tags, [PL1] assignees) as we write it (a JSON array) or as people do (`a, b`). */
export function parseList(
  text: string,
  field: string,
  where: Where,
): Result<string[], ExchangeError> {
  const trimmed = text.trim();
  if (trimmed === '') return ok([]);
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every((t) => typeof t === 'string')) return ok(parsed);
    } catch {
      // refused below
    }
    return invalid(`${where}: ${field} is not a JSON array of strings`);
  }
  return ok(
    trimmed
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== ''),
  );
}

/** true/false, 1/0, yes/no; empty text is "not given". */
export function parseBool(
  text: string,
  field: string,
  where: Where,
): Result<boolean | undefined, ExchangeError> {
  const v = text.trim().toLowerCase();
  if (v === '') return ok(undefined);
  if (v === 'true' || v === '1' || v === 'yes') return ok(true);
  if (v === 'false' || v === '0' || v === 'no') return ok(false);
  return invalid(`${where}: ${field} ${shown(text)} is not true or false`);
}

/** A finite number; empty text is "not given". */
export function parseNumber(
  text: string,
  field: string,
  where: Where,
): Result<number | undefined, ExchangeError> {
  const v = text.trim();
  if (v === '') return ok(undefined);
  const n = Number(v);
  return Number.isFinite(n) ? ok(n) : invalid(`${where}: ${field} ${shown(v)} is not a number`);
}
