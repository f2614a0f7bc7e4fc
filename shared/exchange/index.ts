/** Export and import of workspaces (SPEC §5). Pure: text in, text or a Result out. */
export type { ExchangeGraph, ExchangeError, ExchangeErrorCode, ImportContext } from './types';
export * from './limits';
export { exportNativeJson, importNativeJson } from './native-json';
export { exportGraphml } from './graphml-export';
export { importGraphml } from './graphml-import';
export { exportDot } from './dot-export';
export { exportMermaid } from './mermaid-export';
export { exportGantt } from './gantt-export';
export { exportIcal } from './ical-export';
export { exportCanvas } from './canvas-export';
export { importCanvas } from './canvas-import';
export {
  exportCsv,
  exportCsvCombined,
  exportCsvLinks,
  exportCsvNodes,
  type CsvFiles,
} from './csv-export';
export { importCsv, type CsvInput } from './csv-import';
export {
  EXPORT_FORMATS,
  EXPORTERS,
  IMPORT_FORMATS,
  importAs,
  type ExportFormat,
  type ExportFormatInfo,
  type ImportFormat,
} from './formats';
