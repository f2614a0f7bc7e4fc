/**
 * What the Export and Import menus offer, in words. Only types come from shared/exchange:
 * importing its values would bundle every converter (and the XML parser) into the renderer,
 * which only asks the service to convert.
 */
import type { ExportFormat, ImportFormat } from '../../shared/exchange/formats';
import type { ImageFormat } from './canvas-image';

export type ExportChoice =
  | { kind: 'text'; format: ExportFormat; label: string }
  | { kind: 'image'; format: ImageFormat; label: string };

export const EXPORT_CHOICES: readonly ExportChoice[] = [
  { kind: 'text', format: 'json', label: 'Linkgraph JSON' },
  { kind: 'text', format: 'graphml', label: 'GraphML' },
  { kind: 'text', format: 'dot', label: 'DOT (Graphviz)' },
  { kind: 'text', format: 'mermaid', label: 'Mermaid' },
  { kind: 'text', format: 'canvas', label: 'JSON Canvas' },
  { kind: 'text', format: 'csv-nodes', label: 'CSV (nodes)' },
  { kind: 'text', format: 'csv-links', label: 'CSV (links)' },
  { kind: 'text', format: 'gantt', label: 'Mermaid gantt (plan)' },
  { kind: 'text', format: 'ics', label: 'iCalendar (plan)' },
  { kind: 'image', format: 'svg', label: 'SVG image' },
  { kind: 'image', format: 'png', label: 'PNG image' },
];

export const IMPORT_CHOICES: readonly { format: ImportFormat; label: string }[] = [
  { format: 'json', label: 'Linkgraph JSON' },
  { format: 'graphml', label: 'GraphML' },
  { format: 'canvas', label: 'JSON Canvas' },
  { format: 'csv', label: 'CSV (nodes, empty line, links)' },
];

/** The import format a file name suggests (null: the person must choose). */
export function formatOfFile(name: string): ImportFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.graphml') || lower.endsWith('.xml')) return 'graphml';
  if (lower.endsWith('.canvas')) return 'canvas';
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.json')) return 'json';
  return null;
}

/** A workspace name from a file name: without its extensions. */
export function nameOfFile(name: string): string {
  return name.replace(/(\.(linkgraph|json|graphml|xml|canvas|csv|nodes|links))+$/i, '').trim();
}
