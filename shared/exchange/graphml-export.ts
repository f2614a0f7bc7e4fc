/**
 * GraphML export: every node and link (trashed ones too, flagged `in_trash`), each field a
 * typed GraphML attribute so NetworkX, Gephi or yEd read numbers as numbers and flags as
 * booleans. Empty strings are left out (GraphML's "no data"), as NetworkX would read them.
 */
import type { CustomLinkType } from '../model/types';
import { GRAPH_NAME_KEY, NODE_KEYS, linkKeys, type GraphmlKey } from './graphml-keys';
import type { ExchangeGraph } from './types';
import { joinPieces, PIECE_CHARS, type Pieces } from './pieces';
import { TextBuilder } from './text';
import { xmlAttr, xmlText } from './xml-escape';

function formatValue(value: string | number | boolean): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
  return typeof value === 'boolean' ? String(value) : xmlText(value);
}

function keyLines(keys: readonly GraphmlKey<never>[], scope: 'node' | 'edge'): string {
  let out = '';
  for (const k of keys) {
    out += `  <key id="${k.id}" for="${scope}" attr.name="${k.name}" attr.type="${k.type}"/>\n`;
  }
  return out;
}

/** `      <data key="…">` of each key, made once rather than once per record. */
const dataOpenings = new WeakMap<readonly GraphmlKey<never>[], string[]>();

/** A record's `<data>` lines, as one string: one push per record rather than three per value. */
function dataLines<R>(record: R, keys: readonly GraphmlKey<R>[]): string {
  let open = dataOpenings.get(keys);
  if (open === undefined) {
    open = keys.map((k) => `      <data key="${k.id}">`);
    dataOpenings.set(keys, open);
  }
  let lines = '';
  for (let i = 0; i < keys.length; i++) {
    const value = (keys[i] as GraphmlKey<R>).value(record);
    if (value === undefined || value === '') continue;
    lines += `${open[i] as string}${formatValue(value)}</data>\n`;
  }
  return lines;
}

export function* graphmlPieces(graph: ExchangeGraph, pieceChars = PIECE_CHARS): Pieces {
  const customTypes = new Map<string, CustomLinkType>(
    graph.custom_link_types.map((t) => [t.id, t]),
  );
  const edgeKeys = linkKeys(customTypes);
  const out = new TextBuilder(pieceChars);
  out.push(
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"' +
      ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
      ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns' +
      ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n' +
      `  <key id="${GRAPH_NAME_KEY.id}" for="graph" attr.name="${GRAPH_NAME_KEY.name}" attr.type="string"/>\n` +
      keyLines(NODE_KEYS, 'node') +
      keyLines(edgeKeys, 'edge') +
      '  <graph id="G" edgedefault="directed">\n',
  );
  if (graph.name) out.push(`    <data key="${GRAPH_NAME_KEY.id}">${xmlText(graph.name)}</data>\n`);
  for (const node of graph.nodes) {
    out.push(`    <node id="${xmlAttr(node.id)}">\n${dataLines(node, NODE_KEYS)}    </node>\n`);
    if (out.full) yield out.take();
  }
  for (const link of graph.links) {
    out.push(
      `    <edge id="${xmlAttr(link.id)}" source="${xmlAttr(link.source)}" target="${xmlAttr(link.target)}">\n` +
        `${dataLines(link, edgeKeys)}    </edge>\n`,
    );
    if (out.full) yield out.take();
  }
  out.push('  </graph>\n</graphml>\n');
  yield out.take();
}

export const exportGraphml = (graph: ExchangeGraph): string => joinPieces(graphmlPieces(graph));
