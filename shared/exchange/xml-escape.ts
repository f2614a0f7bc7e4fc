/**
 * Escaping for the XML we write (GraphML). Characters XML cannot carry at all (most C0
 * controls, lone surrogates) are dropped; CR, and in attributes TAB and LF, are written as
 * character references so a parser's whitespace normalisation does not change them.
 */
import { printable } from './text';

const TEXT_SPECIALS = /[&<>\r]/g;
const ATTR_SPECIALS = /[&<>"\r\n\t]/g;
// Non-global twins for the fast "anything to escape?" test (a /g regex's test() is stateful).
const TEXT_SPECIAL = /[&<>\r]/;
const ATTR_SPECIAL = /[&<>"\r\n\t]/;
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
  const text = printable(value);
  return TEXT_SPECIAL.test(text) ? text.replace(TEXT_SPECIALS, replace) : text;
}

export function xmlAttr(value: string): string {
  const text = printable(value);
  return ATTR_SPECIAL.test(text) ? text.replace(ATTR_SPECIALS, replace) : text;
}
