/**
 * A plan's outline (shared/contract/graph-outline.ts) is what the overview layer draws of the
 * plan's records at its first frame: the same boxes in the same order, the same statuses and
 * the same links blocking right now (by the same rule, whichever end blocks), with nothing
 * from the trash — so the hand-over from the outline to the records changes no pixel (the
 * e2e overview-100k spec compares the pixels; this compares the index both are drawn from).
 */
import { describe, expect, it } from 'vitest';
import { outlineOf } from '../../../shared/contract/graph-outline';
import {
  link as fixtureLink,
  node as fixtureNode,
} from '../../../shared/exchange/test-support/fixtures';
import type { CustomLinkType, LinkRecord, NodeRecord } from '../../../shared/model/types';
import { buildActive } from '../../state/active-graph';
import { RecordMap } from '../../state/record-map';
import { flowFirstFrame } from '../flow-lists';
import { LINK, OverviewIndex } from './overview-index';

type Status = 0 | 1 | 2 | 3;

/** A custom type whose target blocks (the reverse of a plain link). */
const REVERSED: CustomLinkType = {
  id: 'ct-reversed',
  name: 'feeds',
  forward_name: 'is fed by',
  backward_name: 'feeds',
  source_types: [],
  target_types: [],
  blocker: 'target',
  is_deprecated: false,
};

/** A seeded plan: statuses, trash, secondary and reversed links all mixed. */
function plan(seed: number, nodes: number, links: number) {
  // mulberry32: every bit of each draw is usable (an LCG's low bits cycle).
  let s = seed >>> 0;
  const rand = (n: number) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * n) | 0;
  };
  const n: NodeRecord[] = Array.from({ length: nodes }, (_, i) =>
    fixtureNode(i, {
      id: `n${i}`,
      display_id: `TASK-${i}`,
      status: rand(4) as Status,
      position: { x: rand(4000) - 500, y: rand(3000) + 0.5 },
      ...(rand(10) === 0 ? { in_trash: true } : {}),
    }),
  );
  const l: LinkRecord[] = Array.from({ length: links }, (_, i) =>
    fixtureLink(i, `n${rand(nodes)}`, `n${rand(nodes)}`, {
      id: `l${i}`,
      type: rand(3) === 0 ? 1 : 0,
      ...(rand(4) === 0
        ? { link_type: 'custom_link' as const, custom_link_type: REVERSED.id }
        : {}),
      ...(rand(20) === 0 ? { in_trash: true } : {}),
    }),
  );
  return { nodes: n, links: l };
}

/** What the overview layer draws from, made the way the page makes it from records. */
function fromRecords(nodes: NodeRecord[], links: LinkRecord[], types: Map<string, CustomLinkType>) {
  const records = {
    nodes: RecordMap.from(nodes.map((r) => [r.id, r] as const)),
    links: RecordMap.from(links.map((r) => [r.id, r] as const)),
  };
  const lists = flowFirstFrame({
    version: 0,
    active: buildActive(records),
    nodesById: records.nodes,
    flashing: new Set(),
    customTypes: types,
  });
  return new OverviewIndex(lists.nodes, lists.edges);
}

/** The links the index draws at fit-all (blocking ones), as "source→target" by box. */
const blockingPairs = (index: OverviewIndex): string[] => {
  const out: string[] = [];
  for (let l = 0; l < index.linkCount; l++)
    if (index.linkMarks[l]! & LINK.blocking) out.push(`${index.src[l]}→${index.tgt[l]}`);
  return out.sort();
};

describe('[U5] the outline first', () => {
  for (const seed of [1, 7, 42]) {
    it(`[U5][N2] the outline's index is the records' first-frame index (seed ${seed})`, () => {
      const { nodes, links } = plan(seed, 600, 1500);
      const types = new Map([[REVERSED.id, REVERSED]]);
      const byId = new Map(nodes.map((n) => [n.id, n]));
      const outline = outlineOf({ id: 'w', name: 'W' }, 'm', nodes, links, byId, types);
      const expected = fromRecords(nodes, links, types);
      const drawn = new OverviewIndex([], [], outline);

      expect(drawn.fromOutline).toBe(true);
      expect(drawn.count).toBe(expected.count);
      expect(drawn.count).toBeLessThan(nodes.length); // some are in the trash
      expect([...drawn.xs]).toEqual([...expected.xs]);
      expect([...drawn.ys]).toEqual([...expected.ys]);
      expect([...drawn.status]).toEqual([...expected.status]);
      expect(drawn.bounds).toEqual(expected.bounds);
      const pairs = blockingPairs(expected);
      expect(pairs.length).toBeGreaterThan(20);
      expect(blockingPairs(drawn)).toEqual(pairs);
      // Only blocking links: the layer draws no other at this size, and none is sent.
      expect(drawn.linkCount).toBe(pairs.length);
    });
  }

  it('[U5] an outline has no ids: a hit on one of its boxes finds nothing to select', () => {
    const { nodes, links } = plan(3, 500, 10);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const outline = outlineOf({ id: 'w', name: 'W' }, 'm', nodes, links, byId, new Map());
    const index = new OverviewIndex([], [], outline);
    const x = index.xs[0]! + 10;
    const y = index.ys[0]! + 10;
    expect(index.hit(x, y, 1)).toBeNull();
    // The records' index finds the node there.
    expect(fromRecords(nodes, links, new Map()).hit(x, y, 1)).not.toBeNull();
    // And the records' first lists replace it whole.
    expect(index.update([], []).kind).toBe('rebuild');
  });

  it('[U5] an outline is a fraction of the records: positions, one digit per status, pairs', () => {
    const { nodes, links } = plan(5, 1000, 2000);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const outline = outlineOf({ id: 'w', name: 'W' }, 'm', nodes, links, byId, new Map());
    expect(outline.status).toMatch(/^[0-3]+$/);
    expect(outline.status).toHaveLength(outline.count);
    expect(outline.x).toHaveLength(outline.count);
    expect(outline.blocking.length % 2).toBe(0);
    expect(JSON.stringify(outline).length * 5).toBeLessThan(
      JSON.stringify({ nodes, links }).length,
    );
  });
});
