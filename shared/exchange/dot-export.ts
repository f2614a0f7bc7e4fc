/**
 * Graphviz DOT export of the active graph (trashed nodes and links left out). Every id and
 * label is a double-quoted string with `\` and `"` escaped, line breaks written as `\n`, and
 * `&` as `&amp;` (Graphviz decodes HTML entities in labels), so no title can break out of
 * its string or be read as an escape sequence like `\N`.
 * Look: status sets the node colours; secondary links are dashed; links that block right now
 * are red and bold; private links carry a lock.
 */
import { ActivePart } from './visible';
import { joinPieces, PIECE_CHARS, type Pieces } from './pieces';
import { printable, TextBuilder } from './text';
import type { ExchangeGraph } from './types';
import {
  BLOCKING_COLOR,
  STATUS_COLORS,
  customTypeMap,
  isBlocking,
  linkCaption,
  nodeHeader,
  statusName,
} from './visual-style';

const DOT_SPECIALS = /[\\"\n\r&]/g;
const DOT_SPECIAL = /[\\"\n\r&]/; // not global: a stateless test for the common case
const DOT_REPLACEMENTS: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '',
  '&': '&amp;',
};

/** A DOT double-quoted string holding exactly `value`. */
export function dotString(value: string): string {
  const text = printable(value);
  if (!DOT_SPECIAL.test(text)) return `"${text}"`;
  return `"${text.replace(DOT_SPECIALS, (c) => DOT_REPLACEMENTS[c] ?? c)}"`;
}

export function* dotPieces(graph: ExchangeGraph, pieceChars = PIECE_CHARS): Pieces {
  const active = new ActivePart(graph);
  const customTypes = customTypeMap(graph.custom_link_types);
  const out = new TextBuilder(pieceChars);
  out.push(
    `digraph ${dotString(graph.name ?? 'Linkgraph')} {\n` +
      '  graph [rankdir=LR];\n' +
      '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11];\n' +
      '  edge [fontname="Helvetica", fontsize=9];\n',
  );
  for (const n of active.nodes()) {
    const colors = STATUS_COLORS[n.status];
    const label = `${nodeHeader(n)}\n${n.title}\n${statusName(n)}`;
    const id = dotString(n.id);
    out.push(
      `  ${id} [id=${id}, label=${dotString(label)}, ` +
        `fillcolor="${colors.fill}", color="${colors.stroke}"];\n`,
    );
    if (out.full) yield out.take();
  }
  for (const l of active.links()) {
    const attrs = [`id=${dotString(l.id)}`];
    const caption = linkCaption(l, customTypes);
    if (caption) attrs.push(`label=${dotString(caption)}`);
    attrs.push(l.type === 1 ? 'style=dashed' : 'style=solid');
    if (isBlocking(l)) attrs.push(`color="${BLOCKING_COLOR}"`, 'penwidth=2');
    out.push(`  ${dotString(l.source)} -> ${dotString(l.target)} [${attrs.join(', ')}];\n`);
    if (out.full) yield out.take();
  }
  out.push('}\n');
  yield out.take();
}

export const exportDot = (graph: ExchangeGraph): string => joinPieces(dotPieces(graph));
