/**
 * A fast reader for the XML that GraphML files are made of, tried before saxes (xml-guard.ts).
 * saxes reads a character at a time and allocates per element; this one jumps from `<` to `<`
 * with indexOf and cuts out only what the handler keeps, about 5× faster on a 200 MB file.
 *
 * It is deliberately narrow: it reads a file only when it is sure the file is well-formed XML
 * that passes every guard (no DOCTYPE, only the five XML entities and character references,
 * depth, names, value lengths) and hands the handler exactly the events saxes would. Whatever
 * it is not sure of — any malformation, a guard's refusal, a processing instruction, a
 * non-ASCII name, a DOCTYPE — makes it answer `unsure`, and the caller reads the file again
 * with saxes and a fresh handler, so every refusal's wording and position are saxes' own. The
 * handler's own refusals (a GraphML reader's) are answered directly: everything before them
 * has been checked, so saxes would reach the same event and the same refusal.
 */
import { FORBIDDEN_KEYS } from './json-guard';
import { MAX_STRING_CHARS, MAX_XML_DEPTH } from './limits';
import type { ExchangeError } from './types';
import type { XmlAttrs, XmlHandler } from './xml-guard';

export type FastScan =
  | { readonly kind: 'done' }
  | { readonly kind: 'refused'; readonly error: ExchangeError }
  | { readonly kind: 'unsure' };

const DONE: FastScan = { kind: 'done' };
const UNSURE: FastScan = { kind: 'unsure' };

/** Characters XML 1.0 does not allow, and every surrogate (pairs are then checked one by one). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const SUSPECT_CHARS = /[\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/g;

/** True when every character of `text` is one XML allows (surrogates only in pairs). */
function allCharsAllowed(text: string): boolean {
  SUSPECT_CHARS.lastIndex = 0;
  for (let m = SUSPECT_CHARS.exec(text); m !== null; m = SUSPECT_CHARS.exec(text)) {
    const i = m.index;
    const c = text.charCodeAt(i);
    const d = text.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
      SUSPECT_CHARS.lastIndex = i + 2;
      continue;
    }
    return false;
  }
  return true;
}

/** `<?xml version="1.x" encoding="…" standalone="…"?>` as saxes accepts it (else: unsure). */
const XML_DECLARATION =
  /<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*(?:"1\.[0-9]+"|'1\.[0-9]+')(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\n]*\?>/y;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09;
/** ASCII name start characters (letters, `_`, `:`); any other name is left to saxes. */
const isNameStart = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a;
const isNameChar = (c: number): boolean =>
  isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;

const NAMED: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

/** A character reference's character, if XML allows it. */
function charOf(code: number): string | undefined {
  if (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  )
    return String.fromCodePoint(code);
  return undefined;
}

const localName = (qualified: string): string => qualified.slice(qualified.indexOf(':') + 1);

/**
 * Reads `input` (BOM stripped, size already checked) into `handler`. `unsure`: nothing it
 * did counts; read the file with saxes instead.
 */
export function fastScanXml(input: string, handler: XmlHandler): FastScan {
  // XML turns every CR LF and lone CR into LF before anything else (saxes does it as it
  // reads); character references (&#13;) are not touched by that.
  const text = input.indexOf('\r') === -1 ? input : input.replace(/\r\n?/g, '\n');
  if (!allCharsAllowed(text)) return UNSURE;
  const len = text.length;

  // Next `&` and `]]>` at or after a position, found once and reused until passed: an
  // indexOf from every text or value would rescan the rest of the file each time.
  let nextAmp = -1;
  let nextCdataEnd = -1;
  const ampFrom = (p: number): number => {
    if (nextAmp < p && nextAmp !== len) {
      nextAmp = text.indexOf('&', p);
      if (nextAmp === -1) nextAmp = len;
    }
    return nextAmp;
  };
  const cdataEndFrom = (p: number): number => {
    if (nextCdataEnd < p && nextCdataEnd !== len) {
      nextCdataEnd = text.indexOf(']]>', p);
      if (nextCdataEnd === -1) nextCdataEnd = len;
    }
    return nextCdataEnd;
  };

  /**
   * The characters of [from, to) with references resolved (and, in attribute values, white
   * space as spaces); undefined for a reference saxes would refuse.
   */
  const decode = (from: number, to: number, inAttr: boolean): string | undefined => {
    let out = '';
    let p = from;
    for (let amp = ampFrom(p); amp < to; amp = ampFrom(p)) {
      out += inAttr ? spaced(text.slice(p, amp)) : text.slice(p, amp);
      const semi = text.indexOf(';', amp + 1);
      if (semi === -1 || semi >= to || semi - amp > 12) return undefined;
      const name = text.slice(amp + 1, semi);
      let ch = NAMED.get(name);
      if (ch === undefined) {
        if (/^#[0-9]{1,7}$/.test(name)) ch = charOf(Number(name.slice(1)));
        else if (/^#x[0-9a-fA-F]{1,6}$/.test(name)) ch = charOf(parseInt(name.slice(2), 16));
        if (ch === undefined) return undefined;
      }
      out += ch;
      p = semi + 1;
    }
    return out + (inAttr ? spaced(text.slice(p, to)) : text.slice(p, to));
  };

  let nextLineFeed = -1;
  let nextTab = -1;
  const lineFeedFrom = (p: number): number => {
    if (nextLineFeed < p && nextLineFeed !== len) {
      nextLineFeed = text.indexOf('\n', p);
      if (nextLineFeed === -1) nextLineFeed = len;
    }
    return nextLineFeed;
  };
  const tabFrom = (p: number): number => {
    if (nextTab < p && nextTab !== len) {
      nextTab = text.indexOf('\t', p);
      if (nextTab === -1) nextTab = len;
    }
    return nextTab;
  };
  let nextLessThan = -1;
  const lessThanFrom = (p: number): number => {
    if (nextLessThan < p && nextLessThan !== len) {
      nextLessThan = text.indexOf('<', p);
      if (nextLessThan === -1) nextLessThan = len;
    }
    return nextLessThan;
  };
  /**
   * The name at [from, to), the same string each time it recurs: slicing a fresh copy of
   * `data` or `key` for each of millions of elements costs an allocation and a hash per use.
   */
  const recent: (string | undefined)[] = new Array<string | undefined>(1024);
  const nameAt = (from: number, to: number): string => {
    // GraphML's names share their first characters (`n_title`, `n_tags`): the middle and
    // the last two characters tell them apart.
    const slot =
      ((to - from) * 31 +
        text.charCodeAt(from) * 7 +
        text.charCodeAt((from + to) >> 1) * 131 +
        text.charCodeAt(to - 2) * 17 +
        text.charCodeAt(to - 1)) &
      1023;
    const known = recent[slot];
    if (known !== undefined && known.length === to - from && text.startsWith(known, from)) {
      return known;
    }
    const name = text.slice(from, to);
    recent[slot] = name;
    return name;
  };
  /** Element and attribute names checked once each (a file repeats a few dozen of them). */
  const checked = new Map<string, string>();
  const checkedName = (qualified: string): string | undefined => {
    const known = checked.get(qualified);
    if (known !== undefined) return known;
    const name = localName(qualified);
    if (FORBIDDEN_KEYS.has(name) || qualified.includes('__proto__')) return undefined;
    if (checked.size < 1000) checked.set(qualified, name);
    return name;
  };
  const attrNames: string[] = [];
  const attrValues: string[] = [];
  const names: string[] = [];
  /** Characters of wanted text per depth; over the limit is saxes' to word. */
  const wanted: number[] = [];
  let depth = 0;
  let sawRoot = false;
  let pos = 0;
  if (text.startsWith('<?xml')) {
    XML_DECLARATION.lastIndex = 0;
    if (!XML_DECLARATION.test(text)) return UNSURE;
    pos = XML_DECLARATION.lastIndex;
  }

  while (pos < len) {
    const lt = lessThanFrom(pos);
    if (lt > pos) {
      // Text between two tags.
      if (depth === 0) {
        for (let i = pos; i < lt; i++) if (!isSpace(text.charCodeAt(i))) return UNSURE;
      } else {
        if (cdataEndFrom(pos) < lt) return UNSURE;
        if (handler.wantsText) {
          const chunk = ampFrom(pos) < lt ? decode(pos, lt, false) : text.slice(pos, lt);
          if (chunk === undefined) return UNSURE;
          if ((wanted[depth] = (wanted[depth] ?? 0) + chunk.length) > MAX_STRING_CHARS) {
            return UNSURE;
          }
          handler.text(chunk, depth);
        } else if (ampFrom(pos) < lt && decode(pos, lt, false) === undefined) {
          return UNSURE;
        }
      }
    }
    if (lt === len) break;
    const next = text.charCodeAt(lt + 1);

    if (next === 0x2f) {
      // </name >
      if (depth === 0) return UNSURE;
      const open = names[depth - 1] as string;
      const end = lt + 2 + open.length;
      if (!text.startsWith(open, lt + 2) || isNameChar(text.charCodeAt(end))) return UNSURE;
      let p = end;
      while (isSpace(text.charCodeAt(p))) p++;
      if (text.charCodeAt(p) !== 0x3e) return UNSURE;
      const refusal = handler.close(localName(open), depth);
      if (refusal) return { kind: 'refused', error: refusal };
      depth--;
      pos = p + 1;
      continue;
    }

    if (next === 0x21) {
      if (text.startsWith('<!--', lt)) {
        // A comment may not hold `--`, nor end `--->`.
        const dashes = text.indexOf('--', lt + 4);
        if (dashes === -1 || text.charCodeAt(dashes + 2) !== 0x3e) return UNSURE;
        pos = dashes + 3;
        continue;
      }
      if (depth > 0 && text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        if (end === -1) return UNSURE;
        if (handler.wantsText) {
          const chunk = text.slice(lt + 9, end);
          if ((wanted[depth] = (wanted[depth] ?? 0) + chunk.length) > MAX_STRING_CHARS) {
            return UNSURE;
          }
          handler.text(chunk, depth);
        }
        pos = end + 3;
        continue;
      }
      return UNSURE; // DOCTYPE, declarations: saxes refuses them
    }

    // <name attr="value" …> or <name …/>
    if (!isNameStart(next) || (sawRoot && depth === 0)) return UNSURE;
    // No `<` may come before the tag's end (not even in a value): found once for the tag.
    const tagLimit = lessThanFrom(lt + 1);
    let p = lt + 2;
    while (isNameChar(text.charCodeAt(p))) p++;
    const qualified = nameAt(lt + 1, p);
    const name = checkedName(qualified);
    if (name === undefined || depth + 1 > MAX_XML_DEPTH) return UNSURE;
    let count = 0;
    let prefixed = false;
    let selfClosing = false;
    for (;;) {
      const spaceBefore = isSpace(text.charCodeAt(p));
      while (isSpace(text.charCodeAt(p))) p++;
      const c = text.charCodeAt(p);
      if (c === 0x3e) {
        p++;
        break;
      }
      if (c === 0x2f) {
        if (text.charCodeAt(p + 1) !== 0x3e) return UNSURE;
        selfClosing = true;
        p += 2;
        break;
      }
      if (!spaceBefore || !isNameStart(c)) return UNSURE;
      const nameStart = p;
      while (isNameChar(text.charCodeAt(p))) p++;
      const attrName = nameAt(nameStart, p);
      while (isSpace(text.charCodeAt(p))) p++;
      if (text.charCodeAt(p) !== 0x3d) return UNSURE;
      p++;
      while (isSpace(text.charCodeAt(p))) p++;
      const q = text.charCodeAt(p);
      if (q !== 0x22 && q !== 0x27) return UNSURE;
      const from = p + 1;
      const to = text.indexOf(q === 0x22 ? '"' : "'", from);
      if (to === -1 || to > tagLimit) return UNSURE;
      // Short values (GraphML's `key="n_last_edited_time"`, `for="node"`) recur on most elements: the
      // same string each time, like names; others are cut out.
      const value =
        ampFrom(from) < to
          ? decode(from, to, true)
          : lineFeedFrom(from) < to || tabFrom(from) < to
            ? spaced(text.slice(from, to))
            : to - from <= 32 && to > from
              ? nameAt(from, to)
              : text.slice(from, to);
      if (value === undefined || value.length > MAX_STRING_CHARS) return UNSURE;
      if (checkedName(attrName) === undefined) return UNSURE;
      for (let i = 0; i < count; i++) if (attrNames[i] === attrName) return UNSURE; // twice
      if (attrName.includes(':')) prefixed = true;
      attrNames[count] = attrName;
      attrValues[count] = value;
      count++;
      p = to + 1;
    }
    // Keyed by local name (later ones win, as in document order); no prototype.
    const attrs = Object.create(null) as Record<string, string>;
    for (let i = 0; i < count; i++) {
      const key = attrNames[i] as string;
      attrs[prefixed ? localName(key) : key] = attrValues[i] as string;
    }
    sawRoot = true;
    names[depth] = qualified;
    depth++;
    wanted[depth] = 0;
    const refusal = handler.open(name, attrs as XmlAttrs, depth);
    if (refusal) return { kind: 'refused', error: refusal };
    if (selfClosing) {
      const closing = handler.close(name, depth);
      if (closing) return { kind: 'refused', error: closing };
      depth--;
    }
    pos = p;
  }
  return depth === 0 && sawRoot ? DONE : UNSURE;
}

/** An attribute value's literal tabs and line feeds become spaces, as XML normalises them. */
function spaced(value: string): string {
  return value.indexOf('\n') === -1 && value.indexOf('\t') === -1
    ? value
    : value.replace(/[\t\n]/g, ' ');
}
