/**
 * THE BENCHMARK'S PEER, not app code: the GraphML parsing path before issue 16
 * (shared/exchange/xml-guard.ts as of af4e15b), kept only so `npm run bench -- exchange` can
 * measure the streaming parser against it in the same run. fast-xml-parser is no longer used
 * by the app.
 *
 * Parses untrusted XML into a small element tree, refusing what XML parsers are attacked
 * with: any DOCTYPE (and so any entity declaration, external entity or expansion bomb),
 * entities other than the five XML ones and character references, nesting past
 * MAX_XML_DEPTH, prototype-polluting names, and values longer than MAX_STRING_CHARS.
 * fast-xml-parser does the tokenising, with its own entity processing switched off: the
 * references are decoded here, in one pass, so `&amp;#13;` stays the text `&#13;`.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { err, ok, type Result } from '../shared/model/result';
import { FORBIDDEN_KEYS } from '../shared/exchange/json-guard';
import { MAX_STRING_CHARS, MAX_XML_DEPTH } from '../shared/exchange/limits';
import { checkInputSize, stripBom } from '../shared/exchange/text';
import { exchangeError, type ExchangeError, shown } from '../shared/exchange/types';

export interface XmlElement {
  /** Local name, without a namespace prefix (`y:ShapeNode` → `ShapeNode`). */
  name: string;
  attrs: ReadonlyMap<string, string>;
  children: XmlElement[];
  /** The element's own text (text and CDATA children, concatenated). */
  text: string;
}

const ATTRS = ':@';
const TEXT = '#text';
const CDATA = '#cdata';
const REFERENCE = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));|&/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

class XmlRefusal extends Error {
  constructor(readonly refusal: ExchangeError) {
    super(refusal.message);
  }
}
const refuse = (code: ExchangeError['code'], message: string): never => {
  throw new XmlRefusal(exchangeError(code, message));
};

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

function decodeReferences(raw: string, where: string): string {
  if (raw.length > MAX_STRING_CHARS) {
    refuse(
      'bad_request.import_too_large',
      `${where}: a value of ${raw.length} characters exceeds the limit of ${MAX_STRING_CHARS}`,
    );
  }
  if (!raw.includes('&')) return raw;
  return raw.replace(REFERENCE, (match, name?: string, dec?: string, hex?: string) => {
    if (name !== undefined) return NAMED[name] ?? match;
    const code = dec !== undefined ? Number(dec) : hex !== undefined ? parseInt(hex, 16) : NaN;
    if (Number.isNaN(code)) {
      return refuse(
        'bad_request.import_unsafe',
        `${where}: only the five XML entities and character references are allowed`,
      );
    }
    if (!isXmlChar(code)) {
      return refuse('bad_request.import_malformed', `${where}: &#${code}; is not an XML character`);
    }
    return String.fromCodePoint(code);
  });
}

const localName = (qualified: string): string => qualified.slice(qualified.indexOf(':') + 1);

type Ordered = Record<string, unknown>;

/** fast-xml-parser's preserveOrder output → XmlElement, depth already bounded by the parser. */
function toElement(name: string, entry: Ordered, path: string): XmlElement {
  const where = `<${path}>`;
  const attrs = new Map<string, string>();
  const rawAttrs = entry[ATTRS];
  if (typeof rawAttrs === 'object' && rawAttrs !== null) {
    for (const [key, value] of Object.entries(rawAttrs)) {
      const attrName = localName(key);
      if (FORBIDDEN_KEYS.has(attrName) || key.includes('__proto__')) {
        refuse(
          'bad_request.import_unsafe',
          `${where}: attribute name ${shown(key)} is not allowed`,
        );
      }
      attrs.set(attrName, decodeReferences(String(value), `${where} attribute ${attrName}`));
    }
  }
  const children: XmlElement[] = [];
  let text = '';
  const content = entry[name];
  if (Array.isArray(content)) {
    for (const child of content as Ordered[]) {
      if (TEXT in child) text += decodeReferences(String(child[TEXT]), where);
      else if (CDATA in child) {
        const parts = child[CDATA];
        if (Array.isArray(parts)) {
          for (const part of parts as Ordered[]) text += String(part[TEXT] ?? '');
        }
      } else {
        const childName = Object.keys(child).find((k) => k !== ATTRS);
        if (childName !== undefined && !childName.startsWith('?')) {
          children.push(toElement(childName, child, `${path}/${localName(childName)}`));
        }
      }
    }
  }
  // Indentation between child elements is not content.
  if (children.length > 0 && text.trim() === '') text = '';
  if (text.length > MAX_STRING_CHARS) {
    refuse('bad_request.import_too_large', `${where}: text exceeds ${MAX_STRING_CHARS} characters`);
  }
  return { name: localName(name), attrs, children, text };
}

/** The document element of `text`, or the reason it is refused. */
export function legacyParseXml(input: string, what: string): Result<XmlElement, ExchangeError> {
  const text = stripBom(input);
  const size = checkInputSize(text, what);
  if (!size.ok) return size;
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    return err(
      exchangeError(
        'bad_request.import_unsafe',
        `${what} contains a DOCTYPE or entity declaration, which is not accepted`,
      ),
    );
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    return err(
      exchangeError(
        'bad_request.import_malformed',
        `${what} is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`,
      ),
    );
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: false,
    htmlEntities: false,
    cdataPropName: CDATA,
    commentPropName: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: MAX_XML_DEPTH,
  });
  try {
    const doc = parser.parse(text) as Ordered[];
    const root = doc.find((entry) =>
      Object.keys(entry).some((k) => k !== ATTRS && !k.startsWith('?') && k !== TEXT),
    );
    const rootName = root && Object.keys(root).find((k) => k !== ATTRS);
    if (!root || rootName === undefined) {
      return err(exchangeError('bad_request.import_malformed', `${what} has no root element`));
    }
    return ok(toElement(rootName, root, localName(rootName)));
  } catch (e) {
    if (e instanceof XmlRefusal) return err(e.refusal);
    const message = e instanceof Error ? e.message : String(e);
    if (/nested/i.test(message)) {
      return err(
        exchangeError(
          'bad_request.import_too_deep',
          `${what} nests elements deeper than the limit of ${MAX_XML_DEPTH}`,
        ),
      );
    }
    if (/SECURITY|reserved/i.test(message)) {
      return err(exchangeError('bad_request.import_unsafe', `${what}: ${message}`));
    }
    return err(
      exchangeError('bad_request.import_malformed', `${what} could not be parsed: ${message}`),
    );
  }
}
