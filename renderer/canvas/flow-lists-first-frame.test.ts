/**
 * A large plan's first frame (flow-lists.ts `flowFirstFrame`): made with the elements of the
 * links blocking right now only, and completed after it — to exactly the lists made from
 * scratch, whether completed alone or by the next batch.
 */
import { describe, expect, it } from 'vitest';
import type { Batch } from '../../shared/engine/batch';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import {
  link as fixtureLink,
  node as fixtureNode,
} from '../../shared/exchange/test-support/fixtures';
import { buildActive, updateActive } from '../state/active-graph';
import { applyBatch, type Records } from '../state/apply-batch';
import { RecordMap } from '../state/record-map';
import {
  advanceFlow,
  completeEdges,
  completeEdgesWith,
  DEFER_EDGES_ABOVE,
  flowFirstFrame,
  flowFromScratch,
  prepareFirstFrame,
  type FlowInput,
  type FlowLists,
} from './flow-lists';
import { flowEdgesInSlices, type LinkgraphFlowEdge } from './flow-elements';
import { FEW_NODES } from './overview/overview-draw';

type Status = 0 | 1 | 2 | 3;
const node = (i: number, status: Status): NodeRecord =>
  fixtureNode(i, {
    id: `n${i}`,
    display_id: `TASK-${i}`,
    title: `n${i}`,
    status,
    position: { x: (i % 100) * 250, y: Math.floor(i / 100) * 120 },
  });
const link = (i: number, source: number, target: number, type: 0 | 1): LinkRecord =>
  fixtureLink(i, `n${source}`, `n${target}`, { id: `l${i}`, display_id: `LNK-${i}`, type });

/** A plan just past both thresholds: every 7th node Blocked, most links primary. */
function plan(nodes: number, links: number): Records {
  const n = Array.from({ length: nodes }, (_, i) => node(i, (i % 7 === 0 ? 2 : i % 4) as Status));
  const l = Array.from({ length: links }, (_, i) => {
    const source = (i * 7919) % nodes;
    const target = (source + 1 + (i % 13)) % nodes;
    return link(i, source, target, i % 5 === 0 ? 1 : 0);
  });
  return {
    nodes: RecordMap.from(n.map((r) => [r.id, r] as const)),
    links: RecordMap.from(l.map((r) => [r.id, r] as const)),
  };
}

const inputOf = (records: Records, version = 0, active = buildActive(records)): FlowInput => ({
  version,
  active,
  nodesById: records.nodes,
  flashing: new Set(),
  customTypes: new Map(),
});

/** What the canvas shows of the lists: every element's id, name and data, in order. */
const listsOf = (f: FlowLists) => ({
  nodes: f.nodes.map((n) => [n.id, n.ariaLabel, n.data]),
  edges: f.edges.map((e) => [e.id, e.source, e.target, e.ariaLabel, e.data]),
  waits: [...f.waits].map(([id, list]) => [id, list.map((r) => r.id)]),
  blocking: [...f.blocking],
});

const NODES = FEW_NODES + 100;
const LINKS = DEFER_EDGES_ABOVE + 100;

describe("a large plan's first frame", () => {
  const records = plan(NODES, LINKS);
  const input = inputOf(records);
  const scratch = flowFromScratch(input);

  it('[U3] is made with the links blocking right now only, then completed to the lists from scratch', () => {
    const first = flowFirstFrame(input);
    expect(first.edgesPending).toBe(true);
    // The overview draws only these at this size: the first frame shows what the full lists would.
    const blockingIds = scratch.edges.filter((e) => e.data?.blocking).map((e) => e.id);
    expect(blockingIds.length).toBeGreaterThan(100);
    expect(first.edges.map((e) => e.id)).toEqual(blockingIds);
    expect(first.edges.every((e) => e.data?.blocking)).toBe(true);
    expect(listsOf({ ...first, edges: [] })).toEqual(listsOf({ ...scratch, edges: [] }));

    const done = completeEdges(first);
    expect(done.edgesPending).toBeUndefined();
    expect(listsOf(done)).toEqual(listsOf(scratch));
    expect(done.edges.length).toBe(LINKS);
    // The first frame's elements are kept (React Flow's state on them, e.g. a selection).
    for (const e of first.edges) expect(done.edges.find((d) => d.id === e.id)).toBe(e);
    expect(completeEdges(done)).toBe(done);
  });

  // With and without a link that comes (a status change alone lines the lists up by length
  // no more than a new link does: neither may be patched onto the first frame's links).
  it.each([
    ['status changes', false],
    ['status changes and a new link', true],
  ])(
    '[U3] a batch that comes before the links are made completes them with it (%s)',
    (_, withLink) => {
      const first = flowFirstFrame(input);
      // n7 (Blocked) becomes Done and n8 Blocked; maybe a primary link comes between n1 and n2.
      const seven = records.nodes.get('n7')!;
      const eight = records.nodes.get('n8')!;
      const batch = {
        nodes: [
          { op: 2, before: seven, after: { ...seven, status: 3, version: 2 } },
          { op: 2, before: eight, after: { ...eight, status: 2, version: 2 } },
        ],
        links: withLink ? [{ op: 10, before: {}, after: link(LINKS, 1, 2, 0) }] : [],
      } as unknown as Batch;
      const applied = applyBatch(records, batch);
      const active = updateActive(
        input.active,
        records,
        applied,
        applied.changedNodes,
        applied.changedLinks,
      );
      const next = inputOf(applied, 1, active);
      const advanced = advanceFlow(first, next, () => ({
        nodes: applied.changedNodes,
        links: applied.changedLinks,
      }));
      expect(advanced.edgesPending).toBeUndefined();
      expect(listsOf(advanced)).toEqual(listsOf(flowFromScratch(inputOf(applied, 1))));
      expect(advanced.edges.length).toBe(LINKS + (withLink ? 1 : 0));
    },
  );

  it('[U3] a plan under either threshold is made whole at once', () => {
    const few = plan(FEW_NODES, LINKS);
    expect(flowFirstFrame(inputOf(few)).edgesPending).toBeUndefined();
    expect(flowFirstFrame(inputOf(few)).edges.length).toBe(LINKS);
    const sparse = plan(NODES, DEFER_EDGES_ABOVE);
    expect(flowFirstFrame(inputOf(sparse)).edges.length).toBe(DEFER_EDGES_ABOVE);
  });

  /** flowEdgesInSlices of `input`'s links run to its end; `yields`: how many times it paused. */
  function madeInSlices(
    at: FlowInput,
    slice: number,
  ): { edges: LinkgraphFlowEdge[]; yields: number } {
    const slices = flowEdgesInSlices(at.active.links, at.customTypes, at.nodesById, slice);
    let yields = 0;
    for (let next = slices.next(); ; next = slices.next()) {
      if (next.done) return { edges: next.value, yields };
      yields++;
    }
  }

  it('[U3] the links completed a slice at a time: the lists from scratch, the first frame’s elements kept', () => {
    const first = flowFirstFrame(input);
    // React Flow selects a blocking link meanwhile: a local edit of the state's own element.
    const picked = first.edges[3] as LinkgraphFlowEdge;
    const edited: FlowLists = {
      ...first,
      edges: first.edges.map((e) => (e === picked ? { ...e, selected: true } : e)),
    };
    const made = madeInSlices(input, 1_000);
    expect(made.yields).toBe(Math.floor(LINKS / 1_000));
    const done = completeEdgesWith(edited, { input, edges: made.edges });
    expect(done.edgesPending).toBeUndefined();
    expect(listsOf(done)).toEqual(listsOf(scratch));
    for (const e of edited.edges) expect(done.edges.find((d) => d.id === e.id)).toBe(e);
    expect(done.edges.find((d) => d.id === picked.id)?.selected).toBe(true);
    // Already complete: nothing to do.
    expect(completeEdgesWith(done, { input, edges: [] })).toBe(done);
  });

  it('[U3] slices made for an older input, or not lining up, complete from the state instead', () => {
    const first = flowFirstFrame(input);
    const later = inputOf(records, 1);
    const stale = completeEdgesWith(
      { ...first, input: later },
      { input, edges: madeInSlices(input, 5_000).edges },
    );
    expect(listsOf(stale)).toEqual(listsOf({ ...scratch, input: later }));
    // A state element the slices do not hold (the lists do not line up): completeEdges.
    const odd = { ...first, edges: [...first.edges].reverse() };
    const made = madeInSlices(input, 5_000).edges;
    const done = completeEdgesWith(odd, { input, edges: made });
    expect(done.edgesPending).toBeUndefined();
    expect(listsOf(done)).toEqual(listsOf(scratch));
    for (const e of odd.edges) expect(done.edges.find((d) => d.id === e.id)).toBe(e);
  });

  it('[U3] a first frame made ahead is the one the render takes, if its input is the same', () => {
    const ahead = prepareFirstFrame(input);
    // The render's input: the same lists and records, a version of its own.
    const render = { ...input, version: 7 };
    const taken = flowFirstFrame(render);
    expect(taken.nodes).toBe(ahead.nodes);
    expect(taken.edges).toBe(ahead.edges);
    expect(taken.input).toBe(render);
    // Taken once: the next render makes its own.
    const again = flowFirstFrame(render);
    expect(again.nodes).not.toBe(ahead.nodes);
    expect(listsOf(again)).toEqual(listsOf(taken));
  });

  it('[U3] a first frame made ahead is not taken when a node flashes or the records differ', () => {
    const ahead = prepareFirstFrame(input);
    const flashing = flowFirstFrame({ ...input, flashing: new Set(['n7']) });
    expect(flashing.nodes).not.toBe(ahead.nodes);
    expect(flashing.nodes.find((n) => n.id === 'n7')?.data.flashing).toBe(true);
    const other = prepareFirstFrame(input);
    const moved = flowFirstFrame({ ...input, nodesById: plan(NODES, LINKS).nodes });
    expect(moved.nodes).not.toBe(other.nodes);
  });
});
