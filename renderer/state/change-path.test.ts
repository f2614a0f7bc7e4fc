/**
 * The change path (docs/canvas-performance.md): after random batches, what the store and the
 * canvas keep by patching what each batch touched equals what they make from scratch.
 */
import type { NodeChange } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { graphBounds } from '../canvas/fit-graph';
import { groupNodes, hierarchyOf, newGroupCache, NO_COLLAPSE } from '../groups/collapse';
import { OverviewIndex } from '../canvas/overview/overview-index';
import { FlowIndex } from '../canvas/virtualization/flow-sync';
import { advanceFlow, flowFromScratch, type FlowInput, type FlowLists } from '../canvas/flow-lists';
import { listPatch, type LinkgraphFlowNode } from '../canvas/flow-elements';
import { patchNodeChanges } from '../canvas/node-changes';
import { buildActive, listEditOf, updateActive, type ActiveGraph } from './active-graph';
import { applyBatch, type Records } from './apply-batch';
import { RecordMap } from './record-map';
import { random, randomBatch, randomRecords } from './test-support/random-batch';

const shapeOf = (a: ActiveGraph) => ({
  bounds: a.nodes.map((n) => [n.position.x, n.position.y]),
  nodes: a.nodes,
  links: a.links,
  // Compared as sets of pairs: a map spliced in place keeps its first insertion order.
  nodeAt: [...a.nodeAt].sort(),
  linkAt: [...a.linkAt].sort(),
  around: [...a.around].map(([k, v]) => [k, [...v]]).sort(),
});

const listsOf = (f: FlowLists) => ({
  nodes: f.nodes.map((n) => [n.id, n.data.record, n.data.flashing, n.data.waiting, n.ariaLabel]),
  edges: f.edges.map((e) => [e.id, e.data?.record, e.data?.blocking, e.data?.waits, e.ariaLabel]),
  waits: [...f.waits].sort(),
  blocking: [...f.blocking].sort(),
});

describe('the change path', () => {
  it('[H1] patching each batch gives the same records, active lists and flow elements as starting over', () => {
    // How often each fast path for a created node was taken (each must be exercised).
    const appended = { active: 0, flow: 0, index: 0, overview: 0 };
    // Batches that changed the links but left the hierarchy's links (and hierarchy) alone.
    let hierarchyKept = 0;
    // React Flow's local node changes patched between batches (node-changes.ts).
    let localPatches = 0;
    // And for nodes and links that go or come in the middle (a trash, a purge, a restore), and
    // a node created with links: spliced, never rebuilt (each must be exercised).
    const spliced = {
      activeNodes: 0,
      activeLinks: 0,
      flowNodes: 0,
      flowEdges: 0,
      overviewNodesGone: 0,
      overviewLinksGone: 0,
      overviewNodesCame: 0,
      overviewCreatedLinked: 0,
      overviewMoved: 0,
      viewportGone: 0,
      // Links that came (created, or with a node created or restored) and links re-wired
      // (their ends edited in place): followed by the viewport index, never rebuilt.
      viewportLinksCame: 0,
      viewportRewired: 0,
      overviewRewired: 0,
    };
    for (let seed = 1; seed <= 12; seed++) {
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
      const index = new FlowIndex(flow.nodes, flow.edges);
      let overview = new OverviewIndex(flow.nodes, flow.edges);
      const groupCache = newGroupCache();
      let hierarchy = hierarchyOf(active.hierarchyLinks);
      let hierarchyFrom = active.hierarchyLinks;
      const log: { version: number; nodes: Set<string>; links: Set<string> }[] = [];
      for (let step = 1; step <= 60; step++) {
        // Some steps first get React Flow's local changes (a card measured, one selected),
        // patched into the flow list (node-changes.ts) and followed by the viewport and overview
        // indexes as patches, as the canvas does between batches.
        if (rnd() < 0.35 && flow.nodes.length > 0) {
          const pick = () => flow.nodes[Math.floor(rnd() * flow.nodes.length)]!.id;
          const changes: NodeChange<LinkgraphFlowNode>[] = [
            {
              type: 'dimensions',
              id: pick(),
              dimensions: {
                width: 200 + Math.floor(rnd() * 60),
                height: 60 + Math.floor(rnd() * 9),
              },
            },
            { type: 'select', id: pick(), selected: rnd() < 0.5 },
          ];
          const localBefore = flow.nodes;
          const graphBefore = index.index;
          flow = {
            ...flow,
            nodes: patchNodeChanges(changes, flow.nodes, (id) => active.nodeAt.get(id)),
          };
          if (flow.nodes !== localBefore) {
            expect(listPatch(flow.nodes)?.previous).toBe(localBefore);
            index.update(flow.nodes, flow.edges);
            expect(index.index).toBe(graphBefore);
            expect(overview.update(flow.nodes, flow.edges).kind).not.toBe('rebuild');
            localPatches++;
          }
        }
        const batch = randomBatch(records, rnd, next);
        const applied = applyBatch(records, batch);
        // A plain Map fold of the same batch: the persistent map holds the same records.
        const plainNodes = new Map(records.nodes);
        for (const { before, after } of batch.nodes) {
          const id = ('id' in after ? after.id : undefined) ?? ('id' in before ? before.id : '');
          if (!('id' in after)) plainNodes.delete(id as string);
          // A status image of a node purged earlier in the batch changes nothing.
          else if ('title' in after || plainNodes.has(id as string))
            plainNodes.set(id as string, applied.nodes.get(id as string)!);
        }
        expect(new Map(applied.nodes)).toEqual(plainNodes);
        expect(applied.nodes.size).toBe(plainNodes.size);

        const activeBefore = active;
        active = updateActive(active, records, applied, applied.changedNodes, applied.changedLinks);
        const grew = active.nodes.length > activeBefore.nodes.length;
        // Spliced from the previous lists (not rebuilt from the map).
        const splicedNodes = listEditOf(active.nodes)?.previous === activeBefore.nodes;
        const splicedLinks = listEditOf(active.links)?.previous === activeBefore.links;
        if (grew && splicedNodes) appended.active++;
        // What came and went this step (none when a list is the same array as before).
        const nodeEdit = active.nodes === activeBefore.nodes ? undefined : listEditOf(active.nodes);
        const linkEdit = active.links === activeBefore.links ? undefined : listEditOf(active.links);
        const nodesWent = (nodeEdit?.removed.length ?? 0) > 0;
        const nodesCameMid = nodeEdit?.inserted.some(
          (i) => i < activeBefore.nodes.length - nodeEdit.removed.length,
        );
        const linksWent = (linkEdit?.removed.length ?? 0) > 0;
        const createdLinked =
          grew && linkEdit !== undefined && linkEdit.inserted.length > 0 && !nodesWent;
        if (nodeEdit && splicedNodes && (nodesWent || nodesCameMid)) spliced.activeNodes++;
        if (linksWent && splicedLinks) spliced.activeLinks++;
        records = applied;
        log.push({ version: step, nodes: applied.changedNodes, links: applied.changedLinks });
        // Some steps also flip the flashing set, as the store's timer does.
        const flashing = rnd() < 0.3 ? new Set(applied.statusChanged) : input.flashing;
        input = { version: step, active, nodesById: records.nodes, flashing, customTypes };
        const flowBefore = flow;
        flow = advanceFlow(flow, input, (v) => {
          const out = { nodes: new Set<string>(), links: new Set<string>() };
          for (const c of log)
            if (c.version > v) {
              for (const id of c.nodes) out.nodes.add(id);
              for (const id of c.links) out.links.add(id);
            }
          return out;
        });

        const patched = listPatch(flow.nodes);
        if (grew && patched?.previous === flowBefore.nodes) appended.flow++;
        if (patched?.splice && patched.previous === flowBefore.nodes) spliced.flowNodes++;
        // A splice of the active lists is always followed by the flow lists (never a sync).
        if (nodesWent || nodesCameMid) expect(patched?.previous).toBe(flowBefore.nodes);
        const patchedEdges = listPatch(flow.edges);
        if (patchedEdges?.splice && patchedEdges.previous === flowBefore.edges) spliced.flowEdges++;

        // The viewport index follows the patched lists as it would the whole new lists.
        const graphBefore = index.index;
        index.update(flow.nodes, flow.edges);
        if (grew && index.index === graphBefore) appended.index++;
        if ((nodesWent || linksWent) && index.index === graphBefore) spliced.viewportGone++;
        const linksCame =
          flow.edges.length > flowBefore.edges.length - (linkEdit?.removed.length ?? 0);
        const rewired = batch.links.some(
          (e) =>
            (e.op as number) === 11 && 'target' in e.after && e.after.target !== e.before.target,
        );
        // Every change of the lists' wiring is followed in place (a rebuild is a failure here).
        if (patchedEdges?.previous === flowBefore.edges) expect(index.index).toBe(graphBefore);
        if (linksCame && index.index === graphBefore) spliced.viewportLinksCame++;
        if (rewired && !linksCame && index.index === graphBefore) spliced.viewportRewired++;
        const fresh = new FlowIndex(flow.nodes, flow.edges);
        for (const rect of [
          { minX: -1000, minY: -1000, maxX: 2000, maxY: 2000 },
          { minX: 100, minY: 0, maxX: 300, maxY: 150 },
          { minX: 250, minY: 0, maxX: 260, maxY: 10 },
        ]) {
          const a = index.select(rect);
          const b = fresh.select(rect);
          expect(a.nodes.map((n) => n.id)).toEqual(b.nodes.map((n) => n.id));
          expect(a.edges.map((e) => e.id)).toEqual(b.edges.map((e) => e.id));
        }

        // The overview layer's index, patched or rebuilt, holds what a new one would.
        const overviewUpdate = overview.update(flow.nodes, flow.edges);
        if (overviewUpdate.kind === 'rebuild') overview = new OverviewIndex(flow.nodes, flow.edges);
        else {
          if (grew) appended.overview++;
          if (nodesWent) spliced.overviewNodesGone++;
          if (nodesCameMid) spliced.overviewNodesCame++;
          if (linksWent && !nodesWent) spliced.overviewLinksGone++;
          if (createdLinked) spliced.overviewCreatedLinked++;
          if (batch.nodes.some((e) => (e.op as number) === 5)) spliced.overviewMoved++;
          if (rewired) spliced.overviewRewired++;
        }
        // Every few steps the trees are asked for (so later patches keep them with a slot map).
        if (step % 7 === 0) overview.prepare();
        const made = new OverviewIndex(flow.nodes, flow.edges);
        for (const rect of [
          { minX: -1000, minY: -1000, maxX: 2000, maxY: 2000 },
          { minX: 100, minY: 0, maxX: 300, maxY: 150 },
        ])
          expect(overview.nodesIn(rect)).toEqual(made.nodesIn(rect));
        expect(overview.bounds).toEqual(made.bounds);
        expect(overview.count).toBe(made.count);
        for (const i of [0, 3, overview.count - 1].filter((i) => i >= 0 && i < made.count)) {
          const b = made.box(i);
          expect(overview.hit(b.minX + 1, b.minY + 1, 4)).toBe(made.hit(b.minX + 1, b.minY + 1, 4));
        }
        expect([...overview.status]).toEqual([...made.status]);
        expect([...overview.marks]).toEqual([...made.marks]);
        expect(overview.overlay).toEqual(made.overlay);
        expect([...overview.linkMarks]).toEqual([...made.linkMarks]);
        expect([...overview.src]).toEqual([...made.src]);
        expect([...overview.tgt]).toEqual([...made.tgt]);
        for (const rect of [
          { minX: -1000, minY: -1000, maxX: 2000, maxY: 2000 },
          { minX: 100, minY: 0, maxX: 300, maxY: 150 },
          { minX: 0, minY: 0, maxX: 120, maxY: 40 },
        ])
          expect(overview.linksIn(rect).sort((a, b) => a - b)).toEqual(
            made.linksIn(rect).sort((a, b) => a - b),
          );
        expect(overview.ids).toEqual(made.ids);
        // Its id → index map (the ends of links that come) follows every splice.
        expect(made.ids.map((id) => overview.idIndex.get(id))).toEqual(made.ids.map((_, i) => i));

        // The groups' marks (nothing collapsed), patched, as marked from scratch.
        // The hierarchy's links stay the same array while no link of its types changed: the
        // hierarchy derived from them is the current links' hierarchy.
        if (hierarchyFrom === active.hierarchyLinks && active.links !== activeBefore.links)
          hierarchyKept++;
        expect(hierarchyOf(active.hierarchyLinks)).toEqual(hierarchyOf(active.links));
        if (hierarchyFrom !== active.hierarchyLinks) {
          hierarchy = hierarchyOf(active.hierarchyLinks);
          hierarchyFrom = active.hierarchyLinks;
        }
        const grouped = groupNodes(flow.nodes, hierarchy, NO_COLLAPSE, groupCache);
        const groupedFresh = groupNodes(flow.nodes, hierarchy, NO_COLLAPSE, newGroupCache());
        expect(grouped.map((n) => [n.id, n.data.record, n.data.group])).toEqual(
          groupedFresh.map((n) => [n.id, n.data.record, n.data.group]),
        );

        // Bounds kept per `places` are the bounds of the list as it is now.
        expect(graphBounds(active.nodes)).toEqual(graphBounds([...active.nodes]));

        const scratch = buildActive(records);
        expect(shapeOf(active)).toEqual(shapeOf(scratch));
        expect(listsOf(flow)).toEqual(listsOf(flowFromScratch({ ...input, active: scratch })));
      }
    }
    expect(appended.active).toBeGreaterThan(20);
    expect(hierarchyKept).toBeGreaterThan(20);
    expect(localPatches).toBeGreaterThan(100);
    expect(appended.flow).toBeGreaterThan(20);
    expect(appended.index).toBeGreaterThan(10);
    expect(appended.overview).toBeGreaterThan(10);
    expect(spliced).toEqual({
      activeNodes: expect.toSatisfy((t: number) => t > 20),
      activeLinks: expect.toSatisfy((t: number) => t > 20),
      flowNodes: expect.toSatisfy((t: number) => t > 20),
      flowEdges: expect.toSatisfy((t: number) => t > 20),
      overviewNodesGone: expect.toSatisfy((t: number) => t > 10),
      overviewLinksGone: expect.toSatisfy((t: number) => t > 10),
      overviewNodesCame: expect.toSatisfy((t: number) => t > 5),
      overviewCreatedLinked: expect.toSatisfy((t: number) => t > 10),
      overviewMoved: expect.toSatisfy((t: number) => t > 10),
      viewportGone: expect.toSatisfy((t: number) => t > 10),
      viewportLinksCame: expect.toSatisfy((t: number) => t > 20),
      viewportRewired: expect.toSatisfy((t: number) => t > 10),
      overviewRewired: expect.toSatisfy((t: number) => t > 10),
    });
  });

  it('[H1] an old map stays a snapshot after later batches, and two maps made from one parent do not mix', () => {
    const base = RecordMap.from<number>([
      ['a', 1],
      ['b', 2],
    ]);
    const left = base.edit();
    left.set('c', 3);
    left.delete('a');
    const l = left.done();
    const right = base.edit();
    right.set('d', 4);
    const r = right.done();
    expect([...base]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect([...l]).toEqual([
      ['b', 2],
      ['c', 3],
    ]);
    expect([...r]).toEqual([
      ['a', 1],
      ['b', 2],
      ['d', 4],
    ]);
    expect(r.get('c')).toBeUndefined();
    expect(l.get('d')).toBeUndefined();
    expect([base.size, l.size, r.size]).toEqual([2, 2, 3]);
  });
});
