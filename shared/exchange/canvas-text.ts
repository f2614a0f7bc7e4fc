/**
 * The text Linkgraph writes into JSON Canvas cards and edge labels, and its reading back.
 * A card is Markdown (Obsidian renders it):
 *
 *     ## Title
 *     `ISS-12` · task · Blocked
 *     Description…
 *
 * An edge label is ` · `-separated tokens: an optional `🔒 private`, the link type's forward
 * name (if any), then `primary` or `secondary`. A card or label written by another tool does
 * not match these patterns and is read as plain text instead.
 */
import { NODE_KINDS } from '../model/types';
import type { CustomLinkType, LinkRecord, NodeRecord } from '../model/types';
import { STATUS_NAMES, linkForwardName } from './names';
import { PRIVATE_MARK } from './visual-style';

const SEP = ' \u00b7 ';
const PRIVATE_TOKEN = `${PRIVATE_MARK} private`;
const META_LINE = new RegExp(
  `^\`([^\`\\n]{1,40})\`${SEP}(${NODE_KINDS.join('|')})${SEP}(${Object.values(STATUS_NAMES).join('|')})$`,
);
const HEADING = /^#{1,6}[ \t]+/;

export function cardText(n: NodeRecord): string {
  const title = n.title.replace(/[\r\n]+/g, ' ');
  const meta = `\`${n.display_id}\`${SEP}${n.kind}${SEP}${STATUS_NAMES[n.status]}`;
  return n.description === '' ? `## ${title}\n${meta}` : `## ${title}\n${meta}\n${n.description}`;
}

export interface CardFields {
  title: string;
  description: string;
  display_id?: string;
  kind?: string;
  status?: string;
}

/** Reads a card back: our layout when it matches, else first line = title, rest = description. */
export function readCardText(text: string): CardFields {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && lines[0]?.trim() === '') lines.shift();
  const title = (lines.shift() ?? '').replace(HEADING, '').trim();
  const meta = META_LINE.exec(lines[0] ?? '');
  if (meta) {
    lines.shift();
    return {
      title,
      description: lines.join('\n'),
      display_id: meta[1],
      kind: meta[2],
      status: meta[3],
    };
  }
  return { title, description: lines.join('\n').trim() };
}

export function edgeLabel(l: LinkRecord, customTypes: ReadonlyMap<string, CustomLinkType>): string {
  const parts: string[] = [];
  if (l.private) parts.push(PRIVATE_TOKEN);
  const name = linkForwardName(l, customTypes);
  if (name) parts.push(name);
  parts.push(l.type === 1 ? 'secondary' : 'primary');
  return parts.join(SEP);
}

export interface EdgeFields {
  private: boolean;
  /** Forward name of the link type, if the label names one. */
  typeName?: string;
  type?: 'primary' | 'secondary';
}

export function readEdgeLabel(label: string | undefined): EdgeFields {
  const parts = (label ?? '').split(SEP).map((p) => p.trim());
  const last = parts[parts.length - 1];
  if (last !== 'primary' && last !== 'secondary') return { private: false };
  parts.pop();
  const isPrivate = parts[0] === PRIVATE_TOKEN;
  if (isPrivate) parts.shift();
  const typeName = parts.join(SEP);
  return { private: isPrivate, type: last, ...(typeName ? { typeName } : {}) };
}
