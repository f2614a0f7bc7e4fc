/**
 * Reads untrusted XML as a stream of events (saxes, a streaming well-formedness-checking
 * parser), refusing what XML parsers are attacked with: any DOCTYPE (and so any entity
 * declaration, external entity or expansion bomb), entities other than the five XML ones and
 * character references, nesting past MAX_XML_DEPTH, prototype-polluting names, and values
 * longer than MAX_STRING_CHARS. No tree of the document is built: the reader (GraphML) keeps
 * only what it needs, so a 200 MB file costs the records it holds, not a DOM of it.
 *
 * saxes resolves only the five XML entities and character references (in one pass, so
 * `&amp;#13;` stays the text `&#13;`) and refuses any other entity; a DOCTYPE is refused as
 * soon as it has been read, before any element.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { err, ok, type Result } from '../model/result';
import { FORBIDDEN_KEYS } from './json-guard';
import { MAX_IMPORT_BYTES, MAX_STRING_CHARS, MAX_XML_DEPTH } from './limits';
import { checkInputSize, stripBom } from './text';
import { exchangeError, type ExchangeError, shown } from './types';

/** An element's attributes by local name (`xsi:schemaLocation` → `schemaLocation`); no prototype. */
export type XmlAttrs = Readonly<Record<string, string | undefined>>;

/** What a reader of the stream does with it. A returned error stops the parse and is answered. */
export interface XmlHandler {
  /** An element opens; `depth` is 1 for the document element. */
  open(name: string, attrs: XmlAttrs, depth: number): ExchangeError | undefined;
  /**
   * Whether the reader wants the text of the element now innermost (asked after every open
   * and close). Text nobody reads is not even cut out of the input — indentation between a
   * 100,000-node file's elements would be a million strings — so it is neither kept nor
   * measured; the size limit bounds it.
   */
  readonly wantsText: boolean;
  /** Text or CDATA directly inside the element open at `depth` (one element may get several). */
  text(text: string, depth: number): void;
  /** The element open at `depth` closes (right after `open` for `<empty/>`). */
  close(name: string, depth: number): ExchangeError | undefined;
}

/** Thrown inside saxes' callbacks to stop it; caught below and answered as a value. */
class XmlStop extends Error {
  constructor(readonly refusal: ExchangeError) {
    super(refusal.message);
  }
}
const stop = (refusal: ExchangeError): never => {
  throw new XmlStop(refusal);
};

const localName = (qualified: string): string => qualified.slice(qualified.indexOf(':') + 1);

/** Read once: under a CommonJS transform an imported binding is a getter call per use. */
const MAX_CHARS = MAX_STRING_CHARS;
const MAX_DEPTH = MAX_XML_DEPTH;

/**
 * The shortest name that can be forbidden: every forbidden key (`__proto__`, `constructor`,
 * `prototype`) is at least this long, so shorter names (GraphML's `id`, `key`, `node`,
 * `data`…: nearly every name of a file) need no look-up at all.
 */
const SHORTEST_FORBIDDEN = Math.min(
  ...[...FORBIDDEN_KEYS].map((k) => k.length),
  '__proto__'.length,
);

/**
 * Refuses an attribute with a forbidden name or an over-long value. `goodNames` holds the
 * longer names already found allowed in this file (a GraphML file repeats a handful of them
 * millions of times), so each distinct name is examined once.
 */
function checkAttr(name: string, value: string, goodNames: Set<string>, where: () => string): void {
  if (name.length >= SHORTEST_FORBIDDEN && !goodNames.has(name)) {
    if (FORBIDDEN_KEYS.has(localName(name)) || name.includes('__proto__')) {
      stop(
        exchangeError(
          'bad_request.import_unsafe',
          `${where()}: attribute name ${shown(name)} is not allowed`,
        ),
      );
    }
    goodNames.add(name);
  }
  if (value.length > MAX_CHARS) {
    stop(
      exchangeError(
        'bad_request.import_too_large',
        `${where()} attribute ${localName(name)}: a value of ${value.length} characters exceeds the limit of ${MAX_CHARS}`,
      ),
    );
  }
}

/** The same attributes keyed by local name (later ones win, as in document order). */
function byLocalName(raw: Record<string, string>): XmlAttrs {
  const local = Object.create(null) as Record<string, string>;
  for (const name in raw) local[localName(name)] = raw[name] as string;
  return local;
}

/** True when `text` is only XML white space (space, tab, line feed, carriage return). */
function isWhiteSpace(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

/** Line and column (1-based) of a UTF-16 offset into `text`, for error messages only. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

export interface XmlScanOptions {
  /**
   * Asked when the parse is refused (after the size check): a refusal it answers is given
   * instead. A cheap look at the whole text that must win over whatever the parse met
   * first, made only when there is a refusal to answer.
   */
  overrule?: (text: string) => ExchangeError | undefined;
}

/**
 * Parses `input` as XML with saxes, handing every element and text to `handler`, and answers
 * it once the whole file is read. Answers the first refusal: the guard's own (size, DOCTYPE,
 * entities, depth, names, long values), saxes' well-formedness errors with their line and
 * column, or the handler's.
 */
export function scanXmlSafely<H extends XmlHandler>(
  input: string,
  what: string,
  handler: H,
  options: XmlScanOptions & { maxBytes?: number } = {},
): Result<H, ExchangeError> {
  const text = stripBom(input);
  const size = checkInputSize(text, what, options.maxBytes ?? MAX_IMPORT_BYTES);
  if (!size.ok) return size;
  const scan = startXmlScan(what, handler, () => text, options);
  scan.write(text);
  return scan.end();
}

/** XML read as it arrives, a slice at a time (import-feed.ts), answered at its end. */
export interface XmlScan<H> {
  /** Reads the next slice (a leading byte-order mark is dropped); ignored after a refusal. */
  write(slice: string): void;
  /** The input is whole: the handler, once the document is read, or the first refusal. */
  end(): Result<H, ExchangeError>;
  /** No refusal so far. */
  readonly unrefused: boolean;
  /**
   * Ends the parse where the input stops, part way through the document, and answers whether
   * it stops cleanly between two children of the element open at depth 2 with nothing
   * refused (the rest of the file is read by another scan: graphml-halves.ts). saxes, closed
   * there, must report the two open elements as unclosed and nothing else: a cut inside a
   * comment, CDATA, a processing instruction or a tag reports more.
   */
  cut(): boolean;
}

/**
 * `scanXmlSafely` for a text that arrives in slices, with no size check of its own (the
 * caller counts the slices). saxes carries what a slice cuts in two (a tag, a value, a
 * surrogate pair) over to the next. `source` answers the text read so far: only a refusal
 * needs it (its line and column, `overrule`).
 */
export function startXmlScan<H extends XmlHandler>(
  what: string,
  handler: H,
  source: () => string,
  options: XmlScanOptions = {},
): XmlScan<H> {
  /** 1 when the first slice began with a byte-order mark: saxes' positions start after it. */
  let markAt = 0;
  // Only messages need the element path; names are kept per depth (at most MAX_XML_DEPTH).
  const names: string[] = [];
  // Per depth (at most MAX_XML_DEPTH, checked before any is written): typed arrays, since
  // each element writes all three.
  const textChars = new Float64Array(MAX_DEPTH + 2);
  const contentChars = new Float64Array(MAX_DEPTH + 2);
  const hasChildren = new Uint8Array(MAX_DEPTH + 2);
  let depth = 0;
  const where = (): string => `<${names.slice(0, depth).join('/')}>`;
  const parser = new SaxesParser({ xmlns: false, position: false });
  // saxes keeps each handler as a property of the parser, added by its first `on`. Every
  // property the handlers use is added here, in one order, so that all parsers share one
  // shape: one added mid-parse (or another order) makes saxes' hot loops polymorphic, 3-4×
  // slower. The text handler is then switched on and off as the reader asks.
  parser.on('text', () => {});
  parser.off('text');

  parser.on('doctype', () =>
    stop(
      exchangeError(
        'bad_request.import_unsafe',
        `${what} contains a DOCTYPE or entity declaration, which is not accepted`,
      ),
    ),
  );
  const textTooLong = (): never =>
    stop(
      exchangeError(
        'bad_request.import_too_large',
        `${what} ${where()}: text exceeds ${MAX_STRING_CHARS} characters`,
      ),
    );
  const onText = (chunk: string): void => {
    if (depth === 0) return; // whitespace around the document element
    textChars[depth] = (textChars[depth] as number) + chunk.length;
    // Indentation between child elements is not content: only text with something in it
    // counts at once; all of it counts when the element turns out to have no children.
    if (!isWhiteSpace(chunk)) {
      const content = (contentChars[depth] as number) + chunk.length;
      contentChars[depth] = content;
      if (content > MAX_CHARS) textTooLong();
    }
    handler.text(chunk, depth);
  };
  // Attributes come one by one before their element's `opentag`.
  // One `where` for every attribute: it is worded only when a refusal needs it.
  let prefixed = false;
  const goodNames = new Set<string>();
  const attrWhere = (): string => `${what} <${names.slice(0, depth).join('/')}/…>`;
  parser.on('attribute', (attr: { name: string; value: string }) => {
    const name = attr.name;
    checkAttr(name, attr.value, goodNames, attrWhere);
    if (name.includes(':')) prefixed = true;
  });
  let textOn = false;
  /** saxes cuts text out of the input only while a text handler is set. */
  const syncText = (): void => {
    const wanted = handler.wantsText;
    if (wanted === textOn) return;
    textOn = wanted;
    if (textOn) parser.on('text', onText);
    else parser.off('text');
  };
  parser.on('opentag', (tag: SaxesTagPlain) => {
    depth++;
    if (depth > MAX_DEPTH) {
      stop(
        exchangeError(
          'bad_request.import_too_deep',
          `${what} nests elements deeper than the limit of ${MAX_XML_DEPTH}`,
        ),
      );
    }
    const name = localName(tag.name);
    names[depth - 1] = name;
    textChars[depth] = 0;
    contentChars[depth] = 0;
    hasChildren[depth] = 0;
    hasChildren[depth - 1] = 1;
    if (tag.name.length >= SHORTEST_FORBIDDEN && !goodNames.has(tag.name)) {
      if (FORBIDDEN_KEYS.has(name) || tag.name.includes('__proto__')) {
        stop(
          exchangeError(
            'bad_request.import_unsafe',
            `${what} ${where()}: element name ${shown(tag.name)} is not allowed`,
          ),
        );
      }
      goodNames.add(tag.name); // the same test as an attribute's name
    }
    const attrs = prefixed ? byLocalName(tag.attributes) : tag.attributes; // no prototype
    prefixed = false;
    const refusal = handler.open(name, attrs, depth);
    if (refusal) stop(refusal);
    syncText();
  });
  parser.on('cdata', (chunk: string) => {
    if (handler.wantsText) onText(chunk);
  });
  parser.on('closetag', () => {
    if (hasChildren[depth] === 0 && (textChars[depth] as number) > MAX_CHARS) textTooLong();
    // saxes hands over the open tag it closes, whose local name is kept at its depth.
    const refusal = handler.close(names[depth - 1] as string, depth);
    depth--;
    if (refusal) stop(refusal);
    syncText();
  });
  /** Set by `cut`: saxes' complaints about the end are collected instead of refused. */
  let cutComplaints: string[] | undefined;
  parser.on('error', (e: Error) => {
    if (cutComplaints) {
      cutComplaints.push(e.message);
      return;
    }
    const message = e.message.replace(/\.$/, '');
    if (/undefined entity|entity name/.test(message)) {
      stop(
        exchangeError(
          'bad_request.import_unsafe',
          `${what} ${where()}: only the five XML entities and character references are allowed`,
        ),
      );
    }
    const { line, column } = lineAndColumn(source().slice(markAt), parser.position);
    stop(
      exchangeError(
        'bad_request.import_malformed',
        `${what} is not well-formed XML: ${message} (line ${line}, column ${column})`,
      ),
    );
  });

  let refusal: ExchangeError | undefined;
  let started = false;
  /** Runs one step of saxes; a refusal thrown from inside it is kept, anything else thrown on. */
  const guarded = (step: () => void): void => {
    if (refusal) return;
    try {
      step();
    } catch (e) {
      if (!(e instanceof XmlStop)) throw e;
      refusal = e.refusal;
    }
  };
  return {
    write(slice) {
      if (slice.length === 0) return;
      const chunk = started ? slice : stripBom(slice);
      if (!started) markAt = slice.length - chunk.length;
      started = true;
      if (chunk.length > 0) guarded(() => parser.write(chunk));
    },
    end() {
      guarded(() => parser.close());
      return refusal ? err(options.overrule?.(source()) ?? refusal) : ok(handler);
    },
    get unrefused() {
      return refusal === undefined;
    },
    cut() {
      if (refusal || depth !== 2) return false;
      const complaints: string[] = [];
      cutComplaints = complaints;
      guarded(() => parser.close());
      cutComplaints = undefined;
      return (
        refusal === undefined &&
        complaints.length === 2 &&
        complaints.every((c) => c.startsWith('unclosed tag: '))
      );
    },
  };
}
