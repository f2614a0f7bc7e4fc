/**
 * The last check every importer runs on the graph it built: counts within the limits, ids
 * unique, and every reference (endpoints, owners, custom link types, grants) pointing at a
 * record that exists. Field-level validation happens earlier, per format. The engine's link
 * rules (self-links, duplicates, one parent, cycles, custom types…) are not restated here:
 * the service loads the result with the engine, which refuses whatever breaks them
 * (electron/service/prepare-import.ts, shared/engine/graph-rules.ts).
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

export function validateGraph(
  g: ExchangeGraph,
  limits: ImportLimits = IMPORT_LIMITS,
): Result<ExchangeGraph, ExchangeError> {
  const counts = checkCounts(g.nodes.length, g.links.length, 'The file', limits);
  if (!counts.ok) return counts;
  for (const [label, n] of [
    ['members', g.members.length],
    ['grants', g.grants.length],
    ['custom link types', g.custom_link_types.length],
  ] as const) {
    if (n > MAX_IMPORT_OTHER_RECORDS) {
      return fail(
        'bad_request.import_too_large',
        `The file has ${n} ${label}; the import limit is ${MAX_IMPORT_OTHER_RECORDS}`,
      );
    }
  }
  // One set of ids per kind, built while looking for a duplicate, and kept for the
  // references below (at 100,000 nodes each set is 100,000+ strings hashed and stored).
  const ids: Set<string>[] = [];
  for (const [label, records] of [
    ['node', g.nodes],
    ['link', g.links],
    ['member', g.members],
    ['custom link type', g.custom_link_types],
  ] as const) {
    const seen = new Set<string>();
    for (const r of records) {
      // One add, its size compared, instead of `has` then `add`: one hash probe per id.
      const before = seen.size;
      seen.add(r.id);
      if (seen.size === before) {
        return fail('bad_request.import_duplicate_id', `Duplicate ${label} id ${r.id}`);
      }
    }
    ids.push(seen);
  }

  const [nodes, , members, customTypes] = ids as [
    Set<string>,
    Set<string>,
    Set<string>,
    Set<string>,
  ];
  const dangling = (message: string) => fail('bad_request.import_dangling_reference', message);

  if (!members.has(g.owner)) return dangling(`Workspace owner ${g.owner} is not a member`);
  for (const n of g.nodes) {
    if (!members.has(n.owner)) return dangling(`Node ${n.id}: owner ${n.owner} is not a member`);
  }
  for (const l of g.links) {
    if (!nodes.has(l.source)) return dangling(`Link ${l.id}: source ${l.source} is not a node`);
    if (!nodes.has(l.target)) return dangling(`Link ${l.id}: target ${l.target} is not a node`);
    for (const field of ['owner', 'created_by', 'modified_by'] as const) {
      if (!members.has(l[field])) {
        return dangling(`Link ${l.id}: ${field} ${l[field]} is not a member`);
      }
    }
    if (l.custom_link_type !== undefined && !customTypes.has(l.custom_link_type)) {
      return dangling(`Link ${l.id}: custom link type ${l.custom_link_type} is not defined`);
    }
  }
  const grantKeys = new Set<string>();
  for (const a of g.grants) {
    if (!nodes.has(a.node)) return dangling(`Grant on node ${a.node}: the node does not exist`);
    if (!members.has(a.member)) return dangling(`Grant to ${a.member}: not a member`);
    const key = `${a.node} ${a.member}`;
    if (grantKeys.has(key)) {
      return fail(
        'bad_request.import_duplicate_id',
        `Two grants on node ${a.node} for member ${a.member}`,
      );
    }
    grantKeys.add(key);
  }
  return ok(g);
}
