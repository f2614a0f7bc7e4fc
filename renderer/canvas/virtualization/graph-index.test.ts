import { describe, expect, it } from 'vitest';
import { GraphIndex, type IndexEdge, type IndexNode, type ViewResult } from './graph-index';
import { bruteForce, randomGraph, randomRect, seeded, type RandomGraph } from './test-support';

const SPAN = 6000;

function expectSameAsBruteForce(index: GraphIndex, graph: RandomGraph, rand: () => number) {
  for (let q = 0; q < 25; q++) {
    const r = randomRect(rand, SPAN);
    expect(index.query(r)).toEqual(bruteForce(graph, r));
  }
}

/** Moves node i in both the index and the plain copy the reference reads. */
function move(index: GraphIndex, graph: RandomGraph, i: number, rand: () => number) {
  const node = graph.nodes[i]!;
  node.x = (rand() - 0.5) * SPAN;
  node.y = (rand() - 0.5) * SPAN;
  index.moveNode(i, node.x, node.y);
}

/** A query's answer as ids (the index's numbering and the lists' differ once it is edited). */
function idsOf(found: ViewResult, nodeIds: readonly string[], edgeIds: readonly string[]) {
  return {
    nodes: found.nodes.map((i) => nodeIds[i]!).sort(),
    visibleNodes: found.visibleNodes.map((i) => nodeIds[i]!).sort(),
    edges: found.edges.map((e) => edgeIds[e]!).sort(),
  };
}

describe('GraphIndex.query', () => {
  it('builds its trees later when asked to (at the first query, compact or buildDueTrees), with the same answers', () => {
    const rand = seeded(7);
    const graph = randomGraph(rand, 300, 450, SPAN);
    const later = new GraphIndex(graph.nodes, graph.edges, { treesLater: true });
    expect(later.builds).toBe(0);
    expectSameAsBruteForce(later, graph, rand);
    expect(later.builds).toBe(1);

    const due = new GraphIndex(graph.nodes, graph.edges, { treesLater: true });
    move(due, graph, 3, rand); // dirty before the trees exist: they are built with it
    due.buildDueTrees();
    expect(due.builds).toBe(1);
    due.buildDueTrees(); // nothing due: a dirty item waits for the threshold or compact
    move(due, graph, 4, rand);
    due.buildDueTrees();
    expect(due.builds).toBe(1);
    expectSameAsBruteForce(due, graph, rand);

    const compacted = new GraphIndex(graph.nodes, graph.edges, { treesLater: true });
    compacted.compact();
    expect(compacted.builds).toBe(1);
    expect(new GraphIndex(graph.nodes, graph.edges).builds).toBe(1);
  });

  it('matches a brute-force filter on random graphs', () => {
    const rand = seeded(42);
    let nonEmpty = 0;
    for (let g = 0; g < 30; g++) {
      const graph = randomGraph(rand, Math.floor(rand() * 400), Math.floor(rand() * 600), SPAN);
      const index = new GraphIndex(graph.nodes, graph.edges);
      for (let q = 0; q < 25; q++) {
        const r = randomRect(rand, SPAN);
        const got = index.query(r);
        expect(got).toEqual(bruteForce(graph, r));
        if (got.edges.length > 0) nonEmpty++;
      }
    }
    expect(nonEmpty).toBeGreaterThan(200); // the queries exercised real answers
  });

  it('stays exact while nodes move, before and after the trees are rebuilt', () => {
    const rand = seeded(5);
    const graph = randomGraph(rand, 500, 800, SPAN);
    const index = new GraphIndex(graph.nodes, graph.edges, { rebuildThreshold: 1_000_000 });
    expect(index.builds).toBe(1);
    for (let k = 0; k < 40; k++) move(index, graph, Math.floor(rand() * 500), rand);
    expect(index.pendingChanges).toBeGreaterThan(40); // nodes plus their edges
    expectSameAsBruteForce(index, graph, rand);
    expect(index.builds).toBe(1); // answered from the stale tree plus the dirty list
    index.compact();
    expect(index.builds).toBe(2);
    expect(index.pendingChanges).toBe(0);
    expectSameAsBruteForce(index, graph, rand);
  });

  it('rebuilds lazily once the dirty list passes the threshold', () => {
    const rand = seeded(9);
    const graph = randomGraph(rand, 300, 300, SPAN);
    const index = new GraphIndex(graph.nodes, graph.edges, { rebuildThreshold: 20 });
    move(index, graph, 0, rand);
    index.query(randomRect(rand, SPAN));
    expect(index.builds).toBe(1);
    for (let i = 1; i < 30; i++) move(index, graph, i, rand);
    expect(index.builds).toBe(1); // moving is O(degree): nothing is rebuilt yet
    expectSameAsBruteForce(index, graph, rand);
    expect(index.builds).toBe(2);
  });

  it('uses measured sizes once they are known', () => {
    const graph: RandomGraph = { nodes: [{ id: 'a', x: 0, y: 0 }], edges: [] };
    const index = new GraphIndex(graph.nodes, graph.edges);
    const right = { minX: 250, minY: 0, maxX: 300, maxY: 10 };
    expect(index.query(right).nodes).toEqual([]);
    index.resizeNode(0, 260, 80);
    expect(index.query(right).nodes).toEqual([0]);
  });

  it('draws an edge crossing the view with both its far ends', () => {
    const index = new GraphIndex(
      [
        { id: 'left', x: -5000, y: 0 },
        { id: 'right', x: 5000, y: 0 },
        { id: 'above', x: 0, y: -5000 },
      ],
      [
        { id: 'across', source: 'left', target: 'right' },
        { id: 'elsewhere', source: 'left', target: 'above' },
      ],
    );
    const view = { minX: -100, minY: -100, maxX: 100, maxY: 100 };
    expect(index.query(view)).toEqual({ nodes: [0, 1], visibleNodes: [], edges: [0] });
  });

  it('leaves out edges with an unknown end and handles an empty graph', () => {
    const index = new GraphIndex(
      [{ id: 'a', x: 0, y: 0 }],
      [{ id: 'dangling', source: 'a', target: 'nowhere' }],
    );
    expect(index.query({ minX: -10, minY: -10, maxX: 10, maxY: 10 })).toEqual({
      nodes: [0],
      visibleNodes: [0],
      edges: [],
    });
    const empty = new GraphIndex([], []);
    expect(empty.query({ minX: 0, minY: 0, maxX: 1, maxY: 1 })).toEqual({
      nodes: [],
      visibleNodes: [],
      edges: [],
    });
    expect(empty.bounds()).toBeNull();
  });

  it('answers a 10,000-node view by looking at the view, not the graph', () => {
    const rand = seeded(1);
    const graph = randomGraph(rand, 10_000, 15_000, 100_000);
    const index = new GraphIndex(graph.nodes, graph.edges);
    const r = { minX: 0, minY: 0, maxX: 1280, maxY: 800 };
    expect(index.query(r)).toEqual(bruteForce(graph, r));
  });

  it('[H1] follows edges added, re-wired and removed in place, as the lists built anew answer', () => {
    const rand = seeded(77);
    const graph = randomGraph(rand, 300, 450, SPAN);
    const index = new GraphIndex(graph.nodes, graph.edges, { rebuildThreshold: 1_000_000 });
    // The lists as they are now (live nodes and edges, by id), and the index's item of each.
    const nodes = new Map<string, IndexNode>(graph.nodes.map((n) => [n.id, n]));
    const edges = new Map<string, IndexEdge>(graph.edges.map((e) => [e.id, e]));
    const edgeItem = new Map(graph.edges.map((e, i) => [e.id, i]));
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
    const known = () => [...nodes.keys()];
    const ops = { added: 0, rewired: 0, removed: 0, nodesCame: 0, nodesWent: 0 };
    let made = 0;
    for (let step = 0; step < 400; step++) {
      const r = rand();
      if (r < 0.3) {
        const edge = { id: `x${made++}`, source: pick(known()), target: pick(known()) };
        edges.set(edge.id, edge);
        edgeItem.set(edge.id, index.addEdge(edge));
        ops.added++;
      } else if (r < 0.55) {
        const old = pick([...edges.values()]);
        const edge = { ...old, target: pick(known()) };
        edges.set(edge.id, edge);
        edgeItem.set(edge.id, index.replaceEdge(edgeItem.get(edge.id)!, edge));
        ops.rewired++;
      } else if (r < 0.7) {
        const old = pick([...edges.values()]);
        edges.delete(old.id);
        index.removeEdge(edgeItem.get(old.id)!);
        ops.removed++;
      } else if (r < 0.82) {
        const node = { id: `m${made++}`, x: (rand() - 0.5) * SPAN, y: (rand() - 0.5) * SPAN };
        nodes.set(node.id, node);
        index.appendNode(node);
        ops.nodesCame++;
      } else if (r < 0.9) {
        // A node goes with its links (refused while one of them is still held).
        const gone = pick(known());
        const around = [...edges.values()].filter((e) => e.source === gone || e.target === gone);
        if (around.length > 0) expect(index.removeNode(index.indexOfNode(gone)!)).toBe(false);
        for (const e of around) {
          edges.delete(e.id);
          index.removeEdge(edgeItem.get(e.id)!);
        }
        expect(index.removeNode(index.indexOfNode(gone)!)).toBe(true);
        nodes.delete(gone);
        ops.nodesWent++;
      } else {
        const id = pick(known());
        const node = { ...nodes.get(id)!, x: (rand() - 0.5) * SPAN, y: (rand() - 0.5) * SPAN };
        nodes.set(id, node);
        index.moveNode(index.indexOfNode(id)!, node.x, node.y);
      }
      if (step % 10 === 9) {
        const now = { nodes: [...nodes.values()], edges: [...edges.values()] };
        for (let q = 0; q < 6; q++) {
          const rect = randomRect(rand, SPAN);
          const want = idsOf(
            bruteForce(now, rect),
            now.nodes.map((n) => n.id),
            now.edges.map((e) => e.id),
          );
          expect(idsOf(index.query(rect), index.nodeIds, index.edgeIds)).toEqual(want);
        }
      }
      if (step === 200) index.compact(); // the trees built with added edges in them
    }
    expect(index.builds).toBe(2); // nothing rebuilt but the one compact
    expect(Object.values(ops).every((k) => k > 15)).toBe(true);
  });

  it('[H1] wires edges held with an unknown end when a node of that id comes, in place', () => {
    const rand = seeded(31);
    const graph = randomGraph(rand, 200, 300, SPAN);
    // Edges to and from nodes that come later (some both ends, one a self-loop), added at
    // build time and after it.
    const later = Array.from({ length: 12 }, (_, k) => `later${k}`);
    const early = later.map((id, k) => ({
      id: `early${k}`,
      source: k % 3 === 0 ? id : `n${k * 5}`,
      target: k % 4 === 0 ? later[(k + 1) % 12]! : id,
    }));
    const index = new GraphIndex(graph.nodes, [...graph.edges, ...early.slice(0, 6)], {
      rebuildThreshold: 1_000_000,
    });
    for (const edge of early.slice(6)) index.addEdge(edge);
    const all = { nodes: [...graph.nodes], edges: [...graph.edges, ...early] };
    const before = index.dangling;
    expect(before).toBeGreaterThanOrEqual(12);
    for (const id of later) {
      const node = { id, x: (rand() - 0.5) * SPAN, y: (rand() - 0.5) * SPAN };
      all.nodes.push(node);
      index.appendNode(node);
      for (let q = 0; q < 8; q++) {
        const r = randomRect(rand, SPAN);
        expect(index.query(r)).toEqual(bruteForce(all, r));
      }
    }
    expect(index.dangling).toBe(before - 12); // the random graph's own unknown ends stay
    expect(index.builds).toBe(1);
    index.compact();
    for (let q = 0; q < 10; q++) {
      const r = randomRect(rand, SPAN);
      expect(index.query(r)).toEqual(bruteForce(all, r));
    }
  });

  it('counts the edges held with an unknown end', () => {
    const index = new GraphIndex(
      [{ id: 'a', x: 0, y: 0 }],
      [{ id: 'dangling', source: 'a', target: 'later' }],
    );
    expect(index.dangling).toBe(1);
    const e = index.addEdge({ id: 'also', source: 'later', target: 'a' });
    expect(index.dangling).toBe(2);
    index.removeEdge(0);
    index.removeEdge(0);
    index.replaceEdge(e, { id: 'also', source: 'a', target: 'a' });
    expect(index.dangling).toBe(0);
  });
});
