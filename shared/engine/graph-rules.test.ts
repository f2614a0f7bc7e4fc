import { describe, expect, it } from 'vitest';
import type { CustomLinkType, LinkRecord, LinkType, NodeKind, NodeRecord } from '../model/types';
import { seededRandom } from '../test-support/seeded-random';
import { checkGraphRules, fromSnapshot, toSnapshot, type LinkError } from './index';
import { checkLinkRules } from './rules';
import type { LinkEntry, WorkspaceState } from './state';
import { uuid, World } from './test-support/world';

/** The definition checkGraphRules must agree with: every link asked on its own. */
function naive(state: WorkspaceState): Map<LinkEntry, LinkError> {
  const refused = new Map<LinkEntry, LinkError>();
  for (const l of state.links.values()) {
    if (l.rec.in_trash) continue;
    if (l.src.rec.in_trash || l.tgt.rec.in_trash) {
      refused.set(l, { code: 'bad_request.endpoint_in_trash', status: 400, message: '' });
      continue;
    }
    const e = checkLinkRules(
      state,
      {
        source: l.src,
        target: l.tgt,
        link_type: l.rec.link_type,
        custom_link_type: l.rec.custom_link_type,
        type: l.rec.type,
      },
      { ignore: new Set([l.rec.id]), isNew: false, primaryCycle: false },
    );
    if (e) refused.set(l, e);
  }
  return refused;
}

const TYPES: (LinkType | undefined)[] = [
  undefined,
  'is_parent_of',
  'is_parent_of',
  'is_part_of',
  'is_part_of',
  'is_merged_into',
  'is_follow_up_of',
  'is_related_to',
  'custom_link',
  'custom_link',
  'custom_link',
];
const KINDS: NodeKind[] = ['task', 'issue', 'feature', 'capability'];

/** A random small graph built from records (not commands), so it may break any rule. */
function randomGraph(seed: number): WorkspaceState | undefined {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const w = new World();
  const extras: { max_hops?: number; source_types?: NodeKind[]; target_types?: NodeKind[] }[] = [
    { max_hops: 1 + Math.floor(rnd() * 3) },
    { source_types: ['task', 'issue'], target_types: ['feature', 'task'] },
    {},
  ];
  const types: CustomLinkType[] = extras.map((extra, i) => {
    const b = w.run('link_type.create', {
      name: `t${i}`,
      forward_name: `t${i}`,
      backward_name: `t${i}'`,
      ...extra,
    });
    return b.link_types[0]?.after as CustomLinkType;
  });
  const nodes = Array.from({ length: 5 + Math.floor(rnd() * 5) }, () =>
    w.node({ kind: pick(KINDS) }),
  );
  if (rnd() < 0.3) w.run('node.trash', { id: pick(nodes) });
  const snap = toSnapshot(w.state);
  const count = 3 + Math.floor(rnd() * 12);
  for (let i = 0; i < count; i++) {
    const source = pick(nodes);
    let target = pick(nodes);
    if (target === source) target = nodes[(nodes.indexOf(source) + 1) % nodes.length] as string;
    const linkType = pick(TYPES);
    const rec: LinkRecord = {
      id: uuid(0xa0000 + i),
      display_id: `LNK-${i + 1}`,
      source,
      target,
      ...(linkType ? { link_type: linkType } : {}),
      ...(linkType === 'custom_link' ? { custom_link_type: pick(types).id } : {}),
      // Mostly secondary: primary cycles are refused when the snapshot loads.
      type: rnd() < 0.15 ? 0 : 1,
      private: false,
      owner: w.owner.id,
      was_blocker: false,
      version: 1,
      in_trash: rnd() < 0.1,
      created_by: w.owner.id,
      created_time: '2026-01-01T00:00:00.000Z',
      modified_by: w.owner.id,
      modified_time: '2026-01-01T00:00:00.000Z',
    };
    snap.links.push(rec);
  }
  const loaded = fromSnapshot(snap);
  return loaded.ok ? loaded.value : undefined;
}

describe('checkGraphRules: the engine link rules over a whole graph', () => {
  it('[C1] [C3] [C4] [L8] refuses a graph exactly when some active link fails checkLinkRules, with that refusal', () => {
    let refusedGraphs = 0;
    let acceptedGraphs = 0;
    for (let seed = 1; seed <= 1000; seed++) {
      const state = randomGraph(seed);
      if (!state) continue;
      const expected = naive(state);
      const found = checkGraphRules(state);
      if (expected.size === 0) {
        expect(found, `seed ${seed}`).toBeUndefined();
        acceptedGraphs++;
        continue;
      }
      refusedGraphs++;
      // The link it names is one the engine refuses on its own…
      expect(found !== undefined && expected.has(found.link), `seed ${seed}`).toBe(true);
      if (!found) continue;
      const own = expected.get(found.link);
      if (own?.code === 'bad_request.endpoint_in_trash') {
        expect(found.error.code).toMatch(/^bad_request\.(source|target)_in_trash$/);
      } else {
        expect(found.error, `seed ${seed}`).toEqual(own);
      }
    }
    // Both outcomes are well represented, so the agreement means something.
    expect(refusedGraphs).toBeGreaterThan(200);
    expect(acceptedGraphs).toBeGreaterThan(200);
  });

  it('[C1] a 3,000-link parent chain and a 3,000-child hub pass; closing the chain is a cycle', () => {
    const w = new World();
    w.node();
    const snap = toSnapshot(w.state);
    const template = snap.nodes[0] as NodeRecord;
    const N = 3000;
    const id = (i: number) => uuid(0xc0000 + i);
    for (let i = 0; i <= 2 * N; i++) {
      snap.nodes.push({ ...template, id: id(i), display_id: `TASK-${100 + i}`, title: `n${i}` });
    }
    const link = (n: number, source: string, target: string): LinkRecord => ({
      id: uuid(0xb0000 + n),
      display_id: `LNK-${n + 1}`,
      source,
      target,
      link_type: 'is_parent_of',
      type: 1,
      private: false,
      owner: w.owner.id,
      was_blocker: false,
      version: 1,
      in_trash: false,
      created_by: w.owner.id,
      created_time: '2026-01-01T00:00:00.000Z',
      modified_by: w.owner.id,
      modified_time: '2026-01-01T00:00:00.000Z',
    });
    // Chain: node i is the parent of node i + 1 (0 … N); hub: N + 1 is the parent of N + 2 … 2N.
    for (let i = 0; i < N; i++) snap.links.push(link(i, id(i), id(i + 1)));
    for (let i = N + 2; i <= 2 * N; i++) snap.links.push(link(i, id(N + 1), id(i)));
    const loaded = fromSnapshot(snap);
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(checkGraphRules(loaded.value)).toBeUndefined();
    // Node 0 has no parent yet: making N its parent closes a cycle through the whole chain.
    snap.links.push(link(3 * N, id(N), id(0)));
    const cyclic = fromSnapshot(snap);
    if (!cyclic.ok) throw new Error(cyclic.error.message);
    const found = checkGraphRules(cyclic.value);
    expect(found?.error).toMatchObject({ code: 'conflict.cycle' });
    expect(found?.error.object_ids).toHaveLength(N + 1);
  });
});
