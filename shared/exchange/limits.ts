/**
 * Hard limits on what an import accepts. A file over any of them is refused before (or while)
 * it is parsed, so a hostile file cannot exhaust memory or time. They are generous for real
 * workspaces (SPEC benchmarks use 10,000 nodes) and documented in docs/exchange.md.
 */

/** Largest accepted input, in UTF-8 bytes (the HTTP layer should cap request bodies the same). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
/** Most nodes one import may create. */
export const MAX_IMPORT_NODES = 50_000;
/** Most links one import may create. */
export const MAX_IMPORT_LINKS = 200_000;
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
