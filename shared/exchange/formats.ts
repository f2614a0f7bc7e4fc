/**
 * The formats by the names the API uses ([X3] `GET /api/export?format=…`,
 * `POST /api/import?format=…`), with their media types and file extensions, so the service
 * maps a request to a converter in one lookup.
 */
import type { Result } from '../model/result';
import { canvasPieces } from './canvas-export';
import { importCanvas } from './canvas-import';
import { csvLinksPieces, csvNodesPieces } from './csv-export';
import { importCsv } from './csv-import';
import { dotPieces } from './dot-export';
import { graphmlPieces } from './graphml-export';
import { importGraphml } from './graphml-import';
import { ganttPieces } from './gantt-export';
import { icalPieces } from './ical-export';
import { mermaidPieces } from './mermaid-export';
import { importNativeJson, nativeJsonPieces } from './native-json';
import { joinPieces, type Pieces } from './pieces';
import type { ExchangeError, ExchangeGraph, ImportContext } from './types';

export const EXPORT_FORMATS = [
  'json',
  'graphml',
  'dot',
  'mermaid',
  'canvas',
  'csv-nodes',
  'csv-links',
  'gantt',
  'ics',
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const IMPORT_FORMATS = ['json', 'graphml', 'canvas', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ExportFormatInfo {
  mediaType: string;
  extension: string;
  /** The whole file (the `export` method). */
  write: (graph: ExchangeGraph) => string;
  /** The same file in pieces of about `pieceChars` (pieces.ts; the API's download). */
  pieces: (graph: ExchangeGraph, pieceChars?: number) => Pieces;
  /** [PL5] An export of the plan: the service puts the schedule in `graph.schedule`. */
  schedule?: true;
}

/** A format's entry: `write` is always its pieces joined, so the two cannot differ. */
const format = (
  mediaType: string,
  extension: string,
  pieces: ExportFormatInfo['pieces'],
  schedule?: true,
): ExportFormatInfo => ({
  mediaType,
  extension,
  pieces,
  write: (graph) => joinPieces(pieces(graph)),
  ...(schedule ? { schedule } : {}),
});

export const EXPORTERS: Record<ExportFormat, ExportFormatInfo> = {
  json: format('application/json', 'linkgraph.json', nativeJsonPieces),
  graphml: format('application/graphml+xml', 'graphml', graphmlPieces),
  dot: format('text/vnd.graphviz', 'dot', dotPieces),
  mermaid: format('text/plain', 'mmd', mermaidPieces),
  canvas: format('application/json', 'canvas', canvasPieces),
  'csv-nodes': format('text/csv', 'nodes.csv', csvNodesPieces),
  'csv-links': format('text/csv', 'links.csv', csvLinksPieces),
  gantt: format('text/plain', 'gantt.mmd', ganttPieces, true),
  ics: format('text/calendar', 'ics', icalPieces, true),
};

/** Imports `text` in `format`; for `csv`, `text` is the combined form (see csv-import.ts). */
export function importAs(
  format: ImportFormat,
  text: string,
  ctx: ImportContext,
): Result<ExchangeGraph, ExchangeError> {
  switch (format) {
    case 'json':
      return importNativeJson(text, ctx.limits);
    case 'graphml':
      return importGraphml(text, ctx);
    case 'canvas':
      return importCanvas(text, ctx);
    case 'csv':
      return importCsv(text, ctx);
  }
}
