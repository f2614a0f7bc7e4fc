/**
 * Hard limits on what an import accepts. A file over any of them is refused before (or while)
 * it is parsed, so a hostile file cannot exhaust memory or time. They are generous for real
 * workspaces (the engine holds 100,000 nodes in ~115 MB; issue 16 asks imports to take twice
 * that) and documented in docs/exchange.md. They are the one source: the HTTP body limits
 * (electron/api/exchange-routes.ts) and the file reader (electron/shell) use them too.
 */

/** Largest accepted input, in UTF-8 bytes (the HTTP layer should cap request bodies the same). */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;
/** Most nodes one import may create. */
export const MAX_IMPORT_NODES = 200_000;
/** Most links one import may create. */
export const MAX_IMPORT_LINKS = 400_000;
/** Most members, grants or custom link types in a native file (each). */
export const MAX_IMPORT_OTHER_RECORDS = 100_000;
/** Deepest JSON nesting accepted (native JSON needs 4, a Canvas 3). */
export const MAX_JSON_DEPTH = 32;
/** Deepest XML element nesting accepted (GraphML needs 4; yEd's graphics data about 8). */
export const MAX_XML_DEPTH = 32;
/** Longest single string value (attribute, cell, text) a foreign file may hold, in characters. */
export const MAX_STRING_CHARS = 100_000;
/** Most columns in a CSV row. */
export const MAX_CSV_COLUMNS = 64;

/** The limits an import is checked against, by name (what a test may narrow, see ImportContext). */
export interface ImportLimits {
  /** Input size in UTF-8 bytes. */
  readonly bytes: number;
  readonly nodes: number;
  readonly links: number;
}

export const IMPORT_LIMITS: ImportLimits = {
  bytes: MAX_IMPORT_BYTES,
  nodes: MAX_IMPORT_NODES,
  links: MAX_IMPORT_LINKS,
};
