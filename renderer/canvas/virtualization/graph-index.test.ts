import { describe, expect, it } from 'vitest';
import { GraphIndex } from './graph-index';
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

describe('GraphIndex.query', () => {
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
});
