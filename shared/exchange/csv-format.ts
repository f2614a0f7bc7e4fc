/**
 * RFC 4180 CSV writing and reading, plus the spreadsheet formula-injection guard.
 *
 * Guard: a text cell starting with `=`, `+`, `-`, `@`, TAB or CR would be run as a formula by
 * Excel, LibreOffice or Google Sheets, so the writer prefixes it with `'` (which those tools
 * hide). To stay lossless, a cell that already starts with quotes followed by one of those
 * characters gets one more quote, and the reader removes exactly one. Numeric columns we
 * write ourselves (positions, versions) are written raw: `-120` is a number, not a formula.
 */
import { err, ok, type Result } from '../model/result';
import { MAX_CSV_COLUMNS, MAX_STRING_CHARS } from './limits';
import { exchangeError, type ExchangeError } from './types';

const FORMULA_START = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export const guardFormula = (text: string): string =>
  FORMULA_START.test(text) ? `'${text}` : text;
export const unguardFormula = (text: string): string => (GUARDED.test(text) ? text.slice(1) : text);

export type CsvCell = string | number | boolean | undefined;

/** One CSV line (CRLF-terminated, as RFC 4180 says); strings are formula-guarded. */
export function csvRow(cells: readonly CsvCell[]): string {
  return (
    cells
      .map((cell) => {
        if (cell === undefined) return '';
        if (typeof cell !== 'string') return String(cell);
        const text = guardFormula(cell);
        return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
      })
      .join(',') + '\r\n'
  );
}

/**
 * Parses CSV into records of raw cells (formula guard not yet removed). Refuses unbalanced
 * quotes, text after a closing quote, rows wider than MAX_CSV_COLUMNS and cells longer than
 * MAX_STRING_CHARS, and stops after `maxRecords` records. An empty line is a record `['']`.
 */
export function parseCsv(
  text: string,
  what: string,
  maxRecords: number,
): Result<string[][], ExchangeError> {
  const malformed = (line: number, message: string) =>
    err(exchangeError('bad_request.import_malformed', `${what}, line ${line}: ${message}`));
  const tooLong = (line: number) =>
    err(
      exchangeError(
        'bad_request.import_too_large',
        `${what}, line ${line}: a cell is longer than ${MAX_STRING_CHARS} characters`,
      ),
    );
  const records: string[][] = [];
  let record: string[] = [];
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // byte-order mark
  const n = text.length;
  while (i < n || record.length > 0) {
    // Read one field starting at i.
    let cell: string;
    if (text[i] === '"') {
      let end = i + 1;
      let value = '';
      for (;;) {
        const close = text.indexOf('"', end);
        if (close < 0) return malformed(line, 'a quoted field is never closed');
        value += text.slice(end, close);
        if (text[close + 1] === '"') {
          value += '"';
          end = close + 2;
        } else {
          end = close + 1;
          break;
        }
        if (value.length > MAX_STRING_CHARS) return tooLong(line);
      }
      for (let k = i; k < end; k++) if (text.charCodeAt(k) === 10) line++;
      i = end;
      if (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        return malformed(line, 'text after a closing quote');
      }
      cell = value;
    } else {
      let end = i;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === 44 || c === 10 || c === 13) break;
        if (c === 34) return malformed(line, 'a quote inside an unquoted field');
        end++;
      }
      cell = text.slice(i, end);
      i = end;
    }
    if (cell.length > MAX_STRING_CHARS) return tooLong(line);
    record.push(cell);
    if (record.length > MAX_CSV_COLUMNS) {
      return err(
        exchangeError(
          'bad_request.import_too_large',
          `${what}, line ${line}: more than ${MAX_CSV_COLUMNS} columns`,
        ),
      );
    }
    if (text[i] === ',') {
      i++;
      if (i >= n) record.push('');
      else continue;
    }
    // End of record: CRLF, LF, lone CR or end of input.
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    records.push(record);
    record = [];
    if (records.length > maxRecords) {
      return err(
        exchangeError('bad_request.import_too_large', `${what} has more than ${maxRecords} rows`),
      );
    }
  }
  return ok(records);
}

export const isBlankRecord = (r: readonly string[]): boolean => r.length === 1 && r[0] === '';
