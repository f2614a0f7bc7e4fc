/**
 * The import limits on a graph's counts. Field-level validation happens in each format's
 * importer. Ids and references (a duplicate id, a link's end, an owner, a grant that points
 * at nothing) are not checked here: the service loads every imported graph with the engine,
 * whose load is the one place that checks them (shared/engine/snapshot-build.ts), and words
 * its refusal as the import's (`bad_request.import_duplicate_id`,
 * `bad_request.import_dangling_reference`; electron/service/prepare-import.ts). The engine's
 * link rules (self-links, one parent, cycles, custom types…) are refused there too.
 */
import { err, ok, type Result } from '../model/result';
import { IMPORT_LIMITS, MAX_IMPORT_OTHER_RECORDS, type ImportLimits } from './limits';
import { exchangeError, type ExchangeError, type ExchangeGraph } from './types';

const fail = (code: ExchangeError['code'], message: string) => err(exchangeError(code, message));

export function checkCounts(
  nodes: number,
  links: number,
  what: string,
  limits: ImportLimits = IMPORT_LIMITS,
): Result<void, ExchangeError> {
  if (nodes > limits.nodes) {
    return fail(
      'bad_request.import_too_large',
      `${what} has ${nodes} nodes; the import limit is ${limits.nodes}`,
    );
  }
  if (links > limits.links) {
    return fail(
      'bad_request.import_too_large',
      `${what} has ${links} links; the import limit is ${limits.links}`,
    );
  }
  return ok(undefined);
}

/** How many records of each kind a file holds (a JSON file's arrays, or a built graph's). */
export interface RecordCounts {
  nodes: number;
  links: number;
  members: number;
  grants: number;
  customLinkTypes: number;
}

/**
 * Nodes and links within their limits, and the records besides them (members, grants,
 * custom link types) within theirs. Native JSON counts its arrays before reading a record
 * (a bomb of a million small records is refused without work); other importers count the
 * graph they built (`checkGraphCounts`).
 */
export function checkRecordCounts(
  counts: RecordCounts,
  what: string,
  limits: ImportLimits = IMPORT_LIMITS,
): Result<void, ExchangeError> {
  const main = checkCounts(counts.nodes, counts.links, what, limits);
  if (!main.ok) return main;
  for (const [label, n] of [
    ['members', counts.members],
    ['grants', counts.grants],
    ['custom link types', counts.customLinkTypes],
  ] as const) {
    if (n > MAX_IMPORT_OTHER_RECORDS) {
      return fail(
        'bad_request.import_too_large',
        `${what} has ${n} ${label}; the import limit is ${MAX_IMPORT_OTHER_RECORDS}`,
      );
    }
  }
  return ok(undefined);
}

/** `checkRecordCounts` of a graph an importer built. */
export function checkGraphCounts(
  g: ExchangeGraph,
  limits: ImportLimits = IMPORT_LIMITS,
): Result<ExchangeGraph, ExchangeError> {
  const counts = checkRecordCounts(
    {
      nodes: g.nodes.length,
      links: g.links.length,
      members: g.members.length,
      grants: g.grants.length,
      customLinkTypes: g.custom_link_types.length,
    },
    'The file',
    limits,
  );
  return counts.ok ? ok(g) : counts;
}
