import { describe, expect, it } from 'vitest';
import type { Edge, Node } from '@xyflow/react';
import { recordPatch } from '../list-patch';
import { FlowIndex } from './flow-sync';

/** A 10×10 grid of 200×80 cards, 300×150 apart, each linked to its right neighbour. */
function grid(): { nodes: Node[]; edges: Edge[] } {
  const nodes: Node[] = [];
  const edges: Edge[] = [];
  for (let r = 0; r < 10; r++) {
    for (let c = 0; c < 10; c++) {
      nodes.push({ id: `n${r}-${c}`, position: { x: c * 300, y: r * 150 }, data: {} });
      if (c > 0) edges.push({ id: `e${r}-${c}`, source: `n${r}-${c - 1}`, target: `n${r}-${c}` });
    }
  }
  return { nodes, edges };
}

const corner = { minX: -10, minY: -10, maxX: 250, maxY: 90 }; // just node n0-0

describe('FlowIndex', () => {
  it('hands over the visible nodes, their edges and the edges far ends', () => {
    const { nodes, edges } = grid();
    const flow = new FlowIndex(nodes, edges);
    const got = flow.select(corner);
    expect(got.nodes.map((n) => n.id)).toEqual(['n0-0', 'n0-1']);
    expect(got.edges.map((e) => e.id)).toEqual(['e0-1']);
    expect(got.nodes[0]).toBe(nodes[0]); // the app's own objects, not copies
  });

  it('returns the same arrays when nothing changed, so React Flow sees no new props', () => {
    const { nodes, edges } = grid();
    const flow = new FlowIndex(nodes, edges);
    const a = flow.select(corner);
    const b = flow.select({ ...corner, maxX: 240 });
    expect(b.nodes).toBe(a.nodes);
    expect(b.edges).toBe(a.edges);
  });

  it('moves one node without rebuilding, and passes its new object on', () => {
    const { nodes, edges } = grid();
    const flow = new FlowIndex(nodes, edges);
    const index = flow.index;
    const moved = { ...nodes[55]!, position: { x: 0, y: 0 } };
    const next = nodes.map((n, i) => (i === 55 ? moved : n));
    const v0 = flow.version;
    expect(flow.update(next, edges)).toBe(v0 + 1);
    expect(flow.index).toBe(index);
    expect(index.builds).toBe(1);
    const got = flow.select(corner);
    expect(got.nodes).toContain(moved);
    expect(got.nodes.map((n) => n.id)).toEqual(['n0-0', 'n0-1', 'n5-4', 'n5-5', 'n5-6']);
    expect(flow.update(next, edges)).toBe(v0 + 1); // same arrays: no change
  });

  it('uses measured sizes', () => {
    const { nodes, edges } = grid();
    const flow = new FlowIndex(nodes, edges);
    const probe = { minX: 260, minY: 0, maxX: 280, maxY: 10 }; // right of n0-0's estimate
    expect(flow.select(probe).nodes.map((n) => n.id)).toEqual([]);
    const wide = { ...nodes[0]!, measured: { width: 270, height: 80 } };
    flow.update([wide, ...nodes.slice(1)], edges);
    expect(flow.select(probe).nodes.map((n) => n.id)).toEqual(['n0-0', 'n0-1']);
  });

  it('rebuilds when nodes are added or edges re-wired', () => {
    const { nodes, edges } = grid();
    const flow = new FlowIndex(nodes, edges);
    const first = flow.index;
    const added: Node = { id: 'new', position: { x: 0, y: 20 }, data: {} };
    flow.update([...nodes, added], edges);
    expect(flow.index).not.toBe(first);
    expect(flow.select(corner).nodes.map((n) => n.id)).toEqual(['n0-0', 'n0-1', 'new']);
    const second = flow.index;
    flow.update([...nodes, added], [...edges, { id: 'x', source: 'new', target: 'n9-9' }]);
    expect(flow.index).not.toBe(second);
    expect(flow.select(corner).edges.map((e) => e.id)).toEqual(['e0-1', 'x']);
  });

  it('[H1] follows a node that comes while a link names it before it exists, without a rebuild', () => {
    const { nodes, edges } = grid();
    // A link whose target is not drawn yet (a view that holds it before its end).
    const early = [...edges, { id: 'early', source: 'n0-0', target: 'later' }];
    const flow = new FlowIndex(nodes, early);
    const index = flow.index;
    expect(index.dangling).toBe(1);
    const later: Node = { id: 'later', position: { x: 0, y: 2000 }, data: {} };
    const next = [...nodes, later];
    recordPatch(next, { previous: nodes, indices: [nodes.length], rewired: false });
    flow.update(next, early);
    expect(flow.index).toBe(index); // followed in place
    expect(index.builds).toBe(1);
    expect(index.dangling).toBe(0);
    // The link is drawn now: in view at its new end, with both its ends handed over.
    const got = flow.select({ minX: -10, minY: 1990, maxX: 100, maxY: 2100 });
    expect(got.edges.map((e) => e.id)).toEqual(['early']);
    expect(got.nodes.map((n) => n.id)).toEqual(['n0-0', 'later']);
  });

  it('passes a changed edge object on without rebuilding', () => {
    const { nodes, edges } = grid();
    const flow = new FlowIndex(nodes, edges);
    const index = flow.index;
    const selected = { ...edges[0]!, selected: true };
    flow.update(nodes, [selected, ...edges.slice(1)]);
    expect(flow.index).toBe(index);
    expect(flow.select(corner).edges).toEqual([selected]);
  });
});
