/**
 * The formats by the names the API uses ([X3] `GET /api/export?format=…`,
 * `POST /api/import?format=…`), with their media types and file extensions, so the service
 * maps a request to a converter in one lookup.
 */
import type { Result } from '../model/result';
import { exportCanvas } from './canvas-export';
import { importCanvas } from './canvas-import';
import { exportCsvLinks, exportCsvNodes } from './csv-export';
import { importCsv } from './csv-import';
import { exportDot } from './dot-export';
import { exportGraphml } from './graphml-export';
import { importGraphml } from './graphml-import';
import { exportGantt } from './gantt-export';
import { exportIcal } from './ical-export';
import { exportMermaid } from './mermaid-export';
import { exportNativeJson, importNativeJson } from './native-json';
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
  write: (graph: ExchangeGraph) => string;
  /** [PL5] An export of the plan: the service puts the schedule in `graph.schedule`. */
  schedule?: true;
}

export const EXPORTERS: Record<ExportFormat, ExportFormatInfo> = {
  json: { mediaType: 'application/json', extension: 'linkgraph.json', write: exportNativeJson },
  graphml: { mediaType: 'application/graphml+xml', extension: 'graphml', write: exportGraphml },
  dot: { mediaType: 'text/vnd.graphviz', extension: 'dot', write: exportDot },
  mermaid: { mediaType: 'text/plain', extension: 'mmd', write: exportMermaid },
  canvas: { mediaType: 'application/json', extension: 'canvas', write: exportCanvas },
  'csv-nodes': {
    mediaType: 'text/csv',
    extension: 'nodes.csv',
    write: exportCsvNodes,
  },
  'csv-links': {
    mediaType: 'text/csv',
    extension: 'links.csv',
    write: exportCsvLinks,
  },
  gantt: { mediaType: 'text/plain', extension: 'gantt.mmd', write: exportGantt, schedule: true },
  ics: { mediaType: 'text/calendar', extension: 'ics', write: exportIcal, schedule: true },
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
