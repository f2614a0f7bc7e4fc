/**
 * The find view on the change path (docs/canvas-performance.md, "A search, filter or focus on
 * the change path"): with a search, filters, a focus or a chain on, random batches and local
 * changes patch the matches, the reach and the view, and after each the patched ones equal
 * what the find bar made from scratch before (matchNodes, reach, the old filter-and-class
 * pass); the view's lists record patches the viewport and overview indexes and the groups
 * follow without a rebuild.
 */
import type { NodeChange } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import { advanceFlow, flowFromScratch, type FlowInput } from '../canvas/flow-lists';
import { listPatch, type LinkgraphFlowEdge, type LinkgraphFlowNode } from '../canvas/flow-elements';
import { patchNodeChanges } from '../canvas/node-changes';
import { OverviewIndex } from '../canvas/overview/overview-index';
import { FlowIndex } from '../canvas/virtualization/flow-sync';
import { groupNodes, hierarchyOf, newGroupCache, NO_COLLAPSE } from '../groups/collapse';
import { buildActive, updateActive } from '../state/active-graph';
import { applyBatch, type Records } from '../state/apply-batch';
import {
  random,
  randomBatch,
  randomRecords,
  type Status,
} from '../state/test-support/random-batch';
import { advanceMatches, type MatchState } from './find-matches';
import { matchNodes, passesFilters, reach, type Reach } from './find-logic';
import { advanceReach, type ReachState } from './find-reach';
import { NO_FILTERS, isFiltering, type Chain, type Filters, type Focus } from './find-store';
import { advanceFindView, type FindLists, type FindLook, type FindView } from './find-view';

/** The find view as use-find-view.ts made it before it was patched: the oracle. */
function oldFindView(
  records: NodeRecord[],
  nodes: LinkgraphFlowNode[],
  edges: LinkgraphFlowEdge[],
  filters: Filters,
  chain: Chain | null,
  focus: Reach | null,
  focusOn: Focus | null,
  matches: NodeRecord[],
  current: number,
): FindLists {
  const withClass = <T extends { className?: string }>(item: T, className: string): T =>
    (item.className ?? '') === className ? item : { ...item, className };
  const filtering = isFiltering(filters);
  if (!filtering && !chain && !focus && matches.length === 0) return { records, nodes, edges };
  const shown = filtering
    ? new Set(records.filter((r) => passesFilters(r, filters)).map((r) => r.id))
    : null;
  const lit = chain ?? focus;
  const matchIds = new Set(matches.map((m) => m.id));
  const currentId = matches[current]?.id;
  const nodeClass = (id: string): string => {
    const c: string[] = [];
    if (matchIds.has(id)) c.push('lg-find-match');
    if (id === currentId) c.push('lg-find-current');
    if (lit && !lit.nodes.has(id)) c.push('lg-find-dim');
    if (chain?.nodes.has(id)) c.push(id === chain.id ? 'lg-find-root' : 'lg-find-chain');
    else if (focusOn && id === focusOn.id) c.push('lg-find-root');
    return c.join(' ');
  };
  const edgeClass = (id: string): string =>
    chain?.links.has(id) ? 'lg-find-chain' : lit && !lit.links.has(id) ? 'lg-find-dim' : '';
  return {
    records: shown ? records.filter((r) => shown.has(r.id)) : records,
    nodes: (shown ? nodes.filter((n) => shown.has(n.id)) : nodes).map((n) =>
      withClass(n, nodeClass(n.id)),
    ),
    edges: (shown ? edges.filter((e) => shown.has(e.source) && shown.has(e.target)) : edges).map(
      (e) => withClass(e, edgeClass(e.id)),
    ),
  };
}

const lookOf = (v: FindLists) => ({
  records: v.records.map((r) => r.id),
  nodes: v.nodes.map((n) => [n.id, n.className ?? '', n.data.record, n.data.flashing, n.ariaLabel]),
  edges: v.edges.map((e) => [e.id, e.className ?? '', e.source, e.target, e.data?.record]),
});

/** What each seed has on: a search, filters, a focus, a chain (by the seed). */
function settingsOf(seed: number, rnd: () => number) {
  const mode = seed % 6;
  const query = [0, 1, 4, 5].includes(mode) ? (rnd() < 0.5 ? 'n1' : 'task-2') : '';
  const filters: Filters =
    mode === 1 || mode === 3 || mode === 5
      ? { ...NO_FILTERS, hideStatuses: [Math.floor(rnd() * 4) as Status] }
      : mode === 4
        ? { ...NO_FILTERS, blockedOnly: true }
        : NO_FILTERS;
  const focusOn: Focus | null =
    mode === 2 || mode === 5
      ? { id: `n${Math.floor(rnd() * 10)}`, upstream: rnd() < 0.7, downstream: rnd() < 0.7 }
      : null;
  const chain: Chain | null =
    mode === 3
      ? { id: 'n3', nodes: new Set(['n3', 'n4', 'n7', 'n12']), links: new Set(['l1', 'l5', 'l9']) }
      : null;
  return { query, filters, focusOn, chain };
}

describe('the find view on the change path', () => {
  it('[U5][H1] with a search, filter, focus or chain on, each batch patches the view, which equals the view made from scratch', () => {
    /** Batches after which the view's nodes (edges) were a patch of the last ones. */
    const patched = { nodes: 0, edges: 0, spliced: 0, flipped: 0, reachKept: 0 };
    for (let seed = 1; seed <= 18; seed++) {
      const rnd = random(seed);
      const next = { node: 40, link: 60 };
      let records: Records = randomRecords(rnd);
      let active = buildActive(records);
      const customTypes = new Map();
      let input: FlowInput = {
        version: 0,
        active,
        nodesById: records.nodes,
        flashing: new Set(),
        customTypes,
      };
      let flow = flowFromScratch(input);
      const settings = settingsOf(seed, rnd);
      let { query } = settings;
      const { filters, focusOn, chain } = settings;
      let current = 0;
      const log: { version: number; nodes: Set<string>; links: Set<string> }[] = [];
      const since = (v: number) => {
        const out = { nodes: new Set<string>(), links: new Set<string>() };
        for (const c of log)
          if (c.version > v) {
            for (const id of c.nodes) out.nodes.add(id);
            for (const id of c.links) out.links.add(id);
          }
        return out;
      };
      let matches: MatchState | null = null;
      let reachState: ReachState | null = null;
      let view: FindView | null = null;
      let index: FlowIndex | null = null;
      let overview: OverviewIndex | null = null;
      const groupCache = newGroupCache();
      for (let step = 0; step <= 60; step++) {
        if (step > 0) {
          // React Flow's local changes (a card measured, one selected), as the canvas gets them.
          if (rnd() < 0.3 && flow.nodes.length > 0) {
            const pick = () => flow.nodes[Math.floor(rnd() * flow.nodes.length)]!.id;
            const changes: NodeChange<LinkgraphFlowNode>[] = [
              { type: 'dimensions', id: pick(), dimensions: { width: 210, height: 64 } },
              { type: 'select', id: pick(), selected: rnd() < 0.5 },
            ];
            flow = {
              ...flow,
              nodes: patchNodeChanges(changes, flow.nodes, (id) => active.nodeAt.get(id)),
            };
          }
          const batch = randomBatch(records, rnd, next);
          const applied = applyBatch(records, batch);
          active = updateActive(
            active,
            records,
            applied,
            applied.changedNodes,
            applied.changedLinks,
          );
          records = applied;
          log.push({ version: step, nodes: applied.changedNodes, links: applied.changedLinks });
          const flashing = rnd() < 0.3 ? new Set(applied.statusChanged) : input.flashing;
          input = { version: step, active, nodesById: records.nodes, flashing, customTypes };
          flow = advanceFlow(flow, input, since);
          // The find bar moves on sometimes: the next match, or (rarely) another query.
          if (rnd() < 0.25) current = Math.floor(rnd() * 4) - 1;
          if (rnd() < 0.03 && query) query = query === 'n1' ? 'n2' : 'n1';
        }
        matches = query
          ? advanceMatches(matches, records.nodes, step, query, filters, since)
          : null;
        reachState = advanceReach(
          reachState,
          focusOn,
          active.links,
          active.linkAt,
          customTypes,
          step,
          since,
        );
        const look: FindLook = {
          filters,
          chain,
          focus: reachState?.reach ?? null,
          focusOn,
          matches,
          current,
        };
        const lists: FindLists = {
          records: active.nodes as NodeRecord[],
          nodes: flow.nodes,
          edges: flow.edges,
        };
        const before = view;
        view = advanceFindView(view, look, lists, active);

        // The matches and the reach, patched, as made from scratch.
        const shownRecords = [...records.nodes.values()].filter(
          (n) => !n.in_trash && passesFilters(n, filters),
        );
        const fresh = matchNodes(shownRecords, query);
        expect((matches?.list ?? []).map((n) => n.id)).toEqual(fresh.map((n) => n.id));
        expect(matches?.list ?? []).toEqual(fresh);
        const activeLinks = [...records.links.values()].filter(
          (l: LinkRecord) =>
            !l.in_trash &&
            records.nodes.get(l.source)?.in_trash === false &&
            records.nodes.get(l.target)?.in_trash === false,
        );
        const freshReach = focusOn ? reach(focusOn.id, activeLinks, customTypes, focusOn) : null;
        expect(reachState?.reach ?? null).toEqual(freshReach);

        // The view, patched, as the old find view made it from scratch.
        const old = oldFindView(
          lists.records,
          lists.nodes,
          lists.edges,
          filters,
          chain,
          freshReach,
          focusOn,
          fresh,
          current,
        );
        expect(lookOf(view.output)).toEqual(lookOf(old));
        if (!before) {
          index = new FlowIndex(view.output.nodes, view.output.edges);
          overview = new OverviewIndex(view.output.nodes, view.output.edges);
          continue;
        }

        // A batch with the same look is a patch of the last view's lists, never a rebuild.
        const sameLook =
          before.look.filters === filters && before.look.focus === look.focus && query !== '';
        const out = view.output;
        const last = before.output;
        if (sameLook && before.look.matches?.book === matches?.book) {
          if (out.nodes !== last.nodes) {
            expect(listPatch(out.nodes)?.previous).toBe(last.nodes);
            patched.nodes++;
            if (listPatch(out.nodes)?.splice) patched.spliced++;
          }
          if (out.edges !== last.edges) {
            expect(listPatch(out.edges)?.previous).toBe(last.edges);
            patched.edges++;
          }
          if (isFiltering(filters) && out.nodes.length !== last.nodes.length) patched.flipped++;
        }
        if (
          before.look.focus &&
          before.look.focus === look.focus &&
          before.input.edges !== lists.edges
        )
          patched.reachKept++;

        // The viewport and overview indexes follow the view's patches as they would new lists.
        const graphBefore = index!.index;
        index!.update(out.nodes, out.edges);
        if (
          listPatch(out.nodes)?.previous === last.nodes &&
          listPatch(out.edges)?.previous === last.edges
        )
          expect(index!.index).toBe(graphBefore);
        const freshIndex = new FlowIndex(out.nodes, out.edges);
        for (const rect of [
          { minX: -1000, minY: -1000, maxX: 2000, maxY: 2000 },
          { minX: 100, minY: 0, maxX: 300, maxY: 150 },
        ]) {
          expect(index!.select(rect).nodes.map((n) => n.id)).toEqual(
            freshIndex.select(rect).nodes.map((n) => n.id),
          );
          expect(index!.select(rect).edges.map((e) => e.id)).toEqual(
            freshIndex.select(rect).edges.map((e) => e.id),
          );
        }
        if (overview!.update(out.nodes, out.edges).kind === 'rebuild')
          overview = new OverviewIndex(out.nodes, out.edges);
        const made = new OverviewIndex(out.nodes, out.edges);
        expect(overview!.ids).toEqual(made.ids);
        expect([...overview!.status]).toEqual([...made.status]);
        expect([...overview!.marks]).toEqual([...made.marks]);
        expect([...overview!.linkMarks]).toEqual([...made.linkMarks]);
        expect([...overview!.src]).toEqual([...made.src]);
        expect([...overview!.tgt]).toEqual([...made.tgt]);

        // The groups' marks (nothing collapsed) follow the view's node patches.
        const hierarchy = hierarchyOf(active.hierarchyLinks);
        expect(
          groupNodes(out.nodes, hierarchy, NO_COLLAPSE, groupCache).map((n) => [
            n.id,
            n.className,
            n.data.group,
          ]),
        ).toEqual(
          groupNodes(out.nodes, hierarchy, NO_COLLAPSE, newGroupCache()).map((n) => [
            n.id,
            n.className,
            n.data.group,
          ]),
        );
      }
    }
    expect(patched).toEqual({
      nodes: expect.toSatisfy((t: number) => t > 200),
      edges: expect.toSatisfy((t: number) => t > 100),
      spliced: expect.toSatisfy((t: number) => t > 50),
      flipped: expect.toSatisfy((t: number) => t > 20),
      reachKept: expect.toSatisfy((t: number) => t > 20),
    });
  });
});
