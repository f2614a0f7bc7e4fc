/**
 * CSV export: a nodes file and a links file (RFC 4180, CRLF, formula-guarded; see
 * csv-format.ts), each with every record including trashed ones (`in_trash` column).
 * `exportCsvCombined` puts both in one text, the links table after one empty line, which is
 * what `importCsv` accepts as a single input.
 */
import type { ExchangeGraph } from './types';
import { NODE_COLUMNS, linkColumns } from './csv-columns';
import { csvRow } from './csv-format';
import { joinPieces, PIECE_CHARS, type Pieces } from './pieces';
import { TextBuilder } from './text';
import { customTypeMap } from './visual-style';

export interface CsvFiles {
  nodes: string;
  links: string;
}

export function* csvNodesPieces(graph: ExchangeGraph, pieceChars = PIECE_CHARS): Pieces {
  const out = new TextBuilder(pieceChars);
  out.push(csvRow(NODE_COLUMNS.map((c) => c.name)));
  for (const n of graph.nodes) {
    out.push(csvRow(NODE_COLUMNS.map((c) => c.value(n))));
    if (out.full) yield out.take();
  }
  yield out.take();
}

export const exportCsvNodes = (graph: ExchangeGraph): string => joinPieces(csvNodesPieces(graph));

export function* csvLinksPieces(graph: ExchangeGraph, pieceChars = PIECE_CHARS): Pieces {
  const columns = linkColumns(
    customTypeMap(graph.custom_link_types),
    new Map(graph.nodes.map((n) => [n.id, n.display_id])),
  );
  const out = new TextBuilder(pieceChars);
  out.push(csvRow(columns.map((c) => c.name)));
  for (const l of graph.links) {
    out.push(csvRow(columns.map((c) => c.value(l))));
    if (out.full) yield out.take();
  }
  yield out.take();
}

export const exportCsvLinks = (graph: ExchangeGraph): string => joinPieces(csvLinksPieces(graph));

export function exportCsv(graph: ExchangeGraph): CsvFiles {
  return { nodes: exportCsvNodes(graph), links: exportCsvLinks(graph) };
}

export function exportCsvCombined(graph: ExchangeGraph): string {
  const { nodes, links } = exportCsv(graph);
  return `${nodes}\r\n${links}`;
}
