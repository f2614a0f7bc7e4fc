/**
 * Files the app reads and writes on the person's behalf: a `.linkgraph.json` handed over by
 * the OS (argv on Windows/Linux, `open-file` on macOS, a second launch), File › Import…
 * and File › Export…. Reading is bounded by the import limit before the file is loaded.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceError } from '../../shared/contract/errors';
import type { WorkspaceInfo } from '../../shared/contract/methods';
import { MAX_IMPORT_BYTES } from '../../shared/exchange/limits';
import type { ExportFormat, ImportFormat } from '../../shared/exchange/formats';
import { err, ok, type Result } from '../../shared/model/result';
import { importAndOpen, type ShellCall } from './service-calls';

export const WORKSPACE_FILE_SUFFIX = '.linkgraph.json';

/** Flags whose next argument is their value, so it is never taken for a file. */
const FLAGS_WITH_VALUE = new Set(['--data', '--port']);

/**
 * The `.linkgraph.json` file a command line asks to open, as an absolute path, or null.
 * `argv[0]` is the executable; flags (Electron adds some of its own on a second launch) and
 * their values are skipped; `file://` URLs are accepted; relative paths are taken from `cwd`
 * (a second launch reports the launching shell's working directory). Pure.
 */
export function workspaceFileFromArgv(argv: readonly string[], cwd: string): string | null {
  for (let i = 1; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === undefined || arg === '') continue;
    if (arg.startsWith('-')) {
      if (FLAGS_WITH_VALUE.has(arg)) i += 1;
      continue;
    }
    let path = arg;
    if (arg.startsWith('file://')) {
      try {
        path = fileURLToPath(arg);
      } catch {
        continue;
      }
    }
    if (!path.toLowerCase().endsWith(WORKSPACE_FILE_SUFFIX)) continue;
    return isAbsolute(path) ? path : resolve(cwd, path);
  }
  return null;
}

/** The import format a chosen file's name suggests; null when it is not one we read. */
export function importFormatOf(path: string): ImportFormat | null {
  const lower = path.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.graphml') || lower.endsWith('.xml')) return 'graphml';
  if (lower.endsWith('.canvas')) return 'canvas';
  if (lower.endsWith('.csv')) return 'csv';
  return null;
}

export const IMPORT_FILTERS = [
  { name: 'Graphs', extensions: ['json', 'graphml', 'xml', 'canvas', 'csv'] },
  { name: 'Linkgraph JSON', extensions: ['json'] },
  { name: 'GraphML', extensions: ['graphml', 'xml'] },
  { name: 'JSON Canvas', extensions: ['canvas'] },
  { name: 'CSV (nodes, empty line, links)', extensions: ['csv'] },
];

export const EXPORT_LABELS: Record<ExportFormat, string> = {
  json: 'Linkgraph JSON',
  graphml: 'GraphML',
  dot: 'DOT (Graphviz)',
  mermaid: 'Mermaid',
  canvas: 'JSON Canvas',
  'csv-nodes': 'CSV (nodes)',
  'csv-links': 'CSV (links)',
  gantt: 'Mermaid gantt (plan)',
  ics: 'iCalendar (plan)',
};

const fileError = (message: string): ServiceError => ({
  code: 'bad_request.import_invalid',
  message,
});

export interface FileIo {
  size(path: string): Promise<number>;
  read(path: string): Promise<string>;
  write(path: string, text: string): Promise<void>;
}

export const nodeFileIo: FileIo = {
  size: async (path) => (await stat(path)).size,
  read: (path) => readFile(path, 'utf8'),
  write: (path, text) => writeFile(path, text, 'utf8'),
};

/** Reads a file to import, refusing one over the import limit before loading it. */
export async function readImportFile(
  path: string,
  io: FileIo = nodeFileIo,
): Promise<Result<string, ServiceError>> {
  try {
    const size = await io.size(path);
    if (size > MAX_IMPORT_BYTES) {
      return err({
        code: 'bad_request.import_too_large',
        message: `${basename(path)} is larger than ${MAX_IMPORT_BYTES / (1024 * 1024)} MB.`,
        max_bytes: MAX_IMPORT_BYTES,
      });
    }
    return ok(await io.read(path));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return err(fileError(`${basename(path)} could not be read: ${reason}`));
  }
}

/** Imports the file as a new workspace (format from its name) and opens it. */
export async function importFileAndOpen(
  call: ShellCall,
  path: string,
  io: FileIo = nodeFileIo,
): Promise<Result<WorkspaceInfo, ServiceError>> {
  const format = importFormatOf(path);
  if (!format) return err(fileError(`${basename(path)} is not a file Linkgraph can import.`));
  const content = await readImportFile(path, io);
  if (!content.ok) return content;
  return importAndOpen(call, { format, content: content.value });
}

/** Writes an exported file where the person chose; a failure is a value with the reason. */
export async function writeExportFile(
  path: string,
  content: string,
  io: FileIo = nodeFileIo,
): Promise<Result<string, ServiceError>> {
  try {
    await io.write(path, content);
    return ok(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return err({
      code: 'internal.write_failed',
      message: `${basename(path)} could not be written: ${reason}`,
    });
  }
}
