/**
 * Mermaid `flowchart` export of the active graph (trashed nodes and links left out).
 * Node ids are `n0`, `n1`, … (a UUID can start with a digit and keywords like `end` break the
 * grammar), the UUIDs being kept in a comment. Labels are always quoted, with every
 * character the grammar or the HTML label could read escaped as a Mermaid entity code
 * (`#quot;`, `#35;`), so a title cannot close its string or inject markup.
 * Look: status classes colour nodes; secondary links are dotted (`-.->`), links that block
 * right now thick (`==>`); private links carry a lock.
 * Note for consumers: Mermaid's default `maxTextSize` (50,000) and `maxEdges` (500) limit
 * what it renders; big workspaces need them raised.
 */
import { ActivePart } from './visible';
import { joinPieces, PIECE_CHARS, type Pieces } from './pieces';
import { printable, TextBuilder } from './text';
import type { ExchangeGraph } from './types';
import {
  STATUS_COLORS,
  customTypeMap,
  isBlocking,
  linkCaption,
  nodeHeader,
  statusName,
} from './visual-style';

const MERMAID_SPECIALS = /[#"<>&`|;\\{}[\]()]/g;
/** Anything to rewrite at all (not global: a stateless test for the common case). */
const MERMAID_SPECIAL = /[#"<>&`|;\\{}[\]()\r\n\t]/;

/** The text of a Mermaid label showing exactly `value` (line breaks become spaces), unquoted. */
function mermaidText(value: string): string {
  const text = printable(value);
  if (!MERMAID_SPECIAL.test(text)) return text;
  return text.replace(/[\r\n\t]+/g, ' ').replace(MERMAID_SPECIALS, (c) => `#${c.charCodeAt(0)};`);
}

/** A quoted Mermaid label showing exactly `value` (line breaks become spaces). */
export function mermaidLabel(value: string): string {
  return `"${mermaidText(value)}"`;
}

const STATUS_CLASSES = ['available', 'inprogress', 'blocked', 'completed'] as const;

export function* mermaidPieces(graph: ExchangeGraph, pieceChars = PIECE_CHARS): Pieces {
  const active = new ActivePart(graph);
  const customTypes = customTypeMap(graph.custom_link_types);
  const ids = new Map<string, string>();
  const out = new TextBuilder(pieceChars);
  out.push('flowchart LR\n');
  const byStatus: string[][] = [[], [], [], []];
  let index = 0;
  for (const n of active.nodes()) {
    const id = `n${index++}`;
    ids.set(n.id, id);
    byStatus[n.status]?.push(id);
    // A line break needs real markup, so the three label parts are escaped separately.
    const label = `${mermaidText(nodeHeader(n))}<br>${mermaidText(n.title)}<br>${mermaidText(statusName(n))}`;
    out.push(`  %% ${n.id}\n  ${id}["${label}"]\n`);
    if (out.full) yield out.take();
  }
  for (const l of active.links()) {
    const source = ids.get(l.source);
    const target = ids.get(l.target);
    if (source === undefined || target === undefined) continue;
    const arrow = l.type === 1 ? '-.->' : isBlocking(l) ? '==>' : '-->';
    const caption = linkCaption(l, customTypes);
    out.push(`  ${source} ${arrow}${caption ? `|${mermaidLabel(caption)}|` : ''} ${target}\n`);
    if (out.full) yield out.take();
  }
  for (const [status, cls] of STATUS_CLASSES.entries()) {
    const colors = STATUS_COLORS[status as 0 | 1 | 2 | 3];
    out.push(`  classDef ${cls} fill:${colors.fill},stroke:${colors.stroke}\n`);
    const members = byStatus[status] ?? [];
    // One `class` line per 500 ids keeps each line of a big export a sensible length.
    for (let i = 0; i < members.length; i += 500) {
      out.push(`  class ${members.slice(i, i + 500).join(',')} ${cls}\n`);
      if (out.full) yield out.take();
    }
  }
  yield out.take();
}

export const exportMermaid = (graph: ExchangeGraph): string => joinPieces(mermaidPieces(graph));
