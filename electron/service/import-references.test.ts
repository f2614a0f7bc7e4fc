/**
 * An imported file's ids and references are checked in one place, the engine's load
 * (shared/engine/snapshot-build.ts), for every format; the import words its refusal
 * (`bad_request.import_duplicate_id`, `bad_request.import_dangling_reference`) and names the
 * records. Shown here with native JSON, the format whose records carry every reference.
 */
import { describe, expect, it } from 'vitest';
import { exportNativeJson } from '../../shared/exchange';
import {
  CUSTOM_TYPE,
  MEMBER,
  sampleGraph,
  uuid,
} from '../../shared/exchange/test-support/fixtures';
import type { ExchangeGraph } from '../../shared/exchange/types';
import { prepareImport } from './prepare-import';

const profile = {
  id: '00000000-0000-4000-8000-0000000000aa',
  username: 'me',
  email: 'me@example.com',
};

/**
 * The exchange tests' sample (every record kind, awkward text) made one the engine loads: its
 * active link to a trashed node trashed too ([L8] `target_in_trash`), its custom type allowed
 * between any kinds ([C4]).
 */
function sample(): ExchangeGraph {
  const g = sampleGraph();
  const trashed = new Set(g.nodes.filter((n) => n.in_trash).map((n) => n.id));
  g.links = g.links.map((l) => (trashed.has(l.target) ? { ...l, in_trash: true } : l));
  g.custom_link_types = g.custom_link_types.map((t) => ({
    ...t,
    source_types: [],
    target_types: [],
  }));
  return g;
}

const importOf = (g: ExchangeGraph) =>
  prepareImport({ format: 'json', content: exportNativeJson(g), profile });

/** The sample graph changed by `change` (which may mutate the fresh copy it is given). */
function refusalOf(change: (g: ExchangeGraph) => void) {
  const g = sample();
  change(g);
  const result = importOf(g);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

const MISSING = uuid(9999);

describe('[E1] an import refuses ids given twice and references to nothing', () => {
  it('imports the sample as it is (the control)', () => {
    const result = importOf(sample());
    expect(result.ok ? 'imported' : result.error).toBe('imported');
    if (result.ok) expect(result.value.state.nodes.size).toBe(sample().nodes.length);
  });

  it.each([
    ['a link source', (g: ExchangeGraph) => (g.links[0]!.source = MISSING), 'source'],
    ['a link target', (g: ExchangeGraph) => (g.links[0]!.target = MISSING), 'target'],
    ['a node owner', (g: ExchangeGraph) => (g.nodes[1]!.owner = MISSING), 'owner'],
    ['a link owner', (g: ExchangeGraph) => (g.links[1]!.owner = MISSING), 'owner'],
    ['a link creator', (g: ExchangeGraph) => (g.links[1]!.created_by = MISSING), 'created_by'],
    ['a link editor', (g: ExchangeGraph) => (g.links[1]!.modified_by = MISSING), 'modified_by'],
    [
      'a grant on a missing node',
      (g: ExchangeGraph) =>
        g.grants.push({ node: MISSING, member: MEMBER.id, level: 1, branch: false }),
      'node',
    ],
    [
      'a grant to a non-member',
      (g: ExchangeGraph) =>
        g.grants.push({ node: g.nodes[2]!.id, member: MISSING, level: 1, branch: false }),
      'member',
    ],
  ])('[E1] %s that is not there', (_what, change, field) => {
    const error = refusalOf(change);
    expect(error.code).toBe('bad_request.import_dangling_reference');
    expect(error.message).toContain(MISSING);
    if (field !== 'node' && field !== 'member') expect(error.message).toContain(field);
  });

  it("takes a file whose owner is not among its members as the importer's", () => {
    const g = sample();
    g.members = g.members.filter((m) => m.id !== g.owner);
    const result = importOf(g);
    if (!result.ok) throw new Error(result.error.message);
    const state = result.value.state;
    expect(state.ownerId).toBe(profile.id);
    const owned = [...state.nodes.values()].filter((n) => n.rec.owner === profile.id);
    expect(owned.length).toBe(g.nodes.filter((n) => n.owner === g.owner).length);
  });

  it('[E1] names the link whose end is missing', () => {
    const g = sample();
    const error = refusalOf((h) => (h.links[0]!.target = MISSING));
    expect(error.message).toContain(g.links[0]!.id);
  });

  it.each([
    [
      'node',
      (g: ExchangeGraph) => (g.nodes[1]!.id = g.nodes[0]!.id),
      (g: ExchangeGraph) => g.nodes[0]!.id,
    ],
    [
      'link',
      (g: ExchangeGraph) => (g.links[1]!.id = g.links[0]!.id),
      (g: ExchangeGraph) => g.links[0]!.id,
    ],
    ['member', (g: ExchangeGraph) => g.members.push({ ...MEMBER }), () => MEMBER.id],
    [
      'custom link type',
      (g: ExchangeGraph) => g.custom_link_types.push({ ...CUSTOM_TYPE, name: 'again' }),
      () => CUSTOM_TYPE.id,
    ],
    [
      'grant (node and member)',
      (g: ExchangeGraph) => g.grants.push({ ...g.grants[0]!, level: 1 }),
      (g: ExchangeGraph) => g.grants[0]!.node,
    ],
  ])('[E1] a %s id given twice', (_what, change, id) => {
    const g = sample();
    const error = refusalOf(change);
    expect(error.code).toBe('bad_request.import_duplicate_id');
    expect(error.message).toContain(id(g));
  });

  it('[C4] a custom link of an undefined custom type breaks the engine rule', () => {
    const error = refusalOf((g) => (g.custom_link_types = []));
    expect(error).toMatchObject({
      code: 'bad_request.import_breaks_rules',
      rule: 'not_found.link_type_not_found',
    });
    expect(error.message).toContain('custom link type');
  });
});
