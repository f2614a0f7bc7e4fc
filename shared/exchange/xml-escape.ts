/**
 * Escaping for the XML we write (GraphML). Characters XML cannot carry at all (most C0
 * controls, lone surrogates) are dropped; CR, and in attributes TAB and LF, are written as
 * character references so a parser's whitespace normalisation does not change them.
 */
import { printable } from './text';

const TEXT_SPECIALS = /[&<>\r]/g;
const ATTR_SPECIALS = /[&<>"\r\n\t]/g;
// Non-global twins for the fast "anything to do?" test (a /g regex's test() is stateful),
// which also catch what printable() would drop, so a plain value takes one test in all.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const TEXT_SPECIAL = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const ATTR_SPECIAL = /[&<>"\r\n\t\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const REPLACEMENTS: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#13;',
  '\n': '&#10;',
  '\t': '&#9;',
};
const replace = (c: string): string => REPLACEMENTS[c] ?? c;

export function xmlText(value: string): string {
  if (!TEXT_SPECIAL.test(value)) return value;
  return printable(value).replace(TEXT_SPECIALS, replace);
}

export function xmlAttr(value: string): string {
  if (!ATTR_SPECIAL.test(value)) return value;
  return printable(value).replace(ATTR_SPECIALS, replace);
}
