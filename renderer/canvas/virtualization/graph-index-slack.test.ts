/**
 * The viewport index's per-item arrays are made with room for what the change path appends
 * (`withSlack`), so a created node or link does not copy every array at 100,000 nodes; and
 * what is appended into that room is answered exactly as a fresh index answers it.
 */
import { describe, expect, it } from 'vitest';
import { GraphIndex, withSlack } from './graph-index';
import { bruteForce, randomGraph, randomRect, seeded } from './test-support';

const SPAN = 4000;

describe('GraphIndex slack', () => {
  it('[H1] sizes its arrays 1/64 (at least 16) past the items it is built with', () => {
    expect(withSlack(0)).toBe(16);
    expect(withSlack(640)).toBe(656);
    expect(withSlack(100_000)).toBe(101_563);
    expect(withSlack(150_000)).toBe(152_344);
    const rand = seeded(3);
    const graph = randomGraph(rand, 1280, 1920, SPAN);
    const index = new GraphIndex(graph.nodes, graph.edges);
    expect(index.capacity.nodes).toBe(withSlack(1280));
    expect(index.capacity.edges).toBe(withSlack(1920));
  });

  it('[H1] takes appended nodes and edges into that room without growing, answering exactly', () => {
    const rand = seeded(11);
    const graph = randomGraph(rand, 1280, 1920, SPAN);
    const index = new GraphIndex(graph.nodes, graph.edges, { rebuildThreshold: 1_000_000 });
    const room = index.capacity;
    expect(room).toEqual({ nodes: withSlack(1280), edges: withSlack(1920) });
    // 16 created nodes, each linked to an existing node (create-linked), and 8 more links.
    for (let k = 0; k < 16; k++) {
      const node = { id: `new${k}`, x: (rand() - 0.5) * SPAN, y: (rand() - 0.5) * SPAN };
      graph.nodes.push(node);
      index.appendNode(node);
      const edge = { id: `newl${k}`, source: `n${k * 7}`, target: node.id };
      graph.edges.push(edge);
      index.addEdge(edge);
    }
    for (let k = 0; k < 8; k++) {
      const edge = { id: `more${k}`, source: `new${k}`, target: `n${k * 13}` };
      graph.edges.push(edge);
      index.addEdge(edge);
    }
    expect(index.capacity).toEqual(room); // no array was reallocated
    expect(index.builds).toBe(1);
    for (let q = 0; q < 40; q++) {
      const r = randomRect(rand, SPAN);
      expect(index.query(r)).toEqual(bruteForce(graph, r));
    }
    index.compact();
    for (let q = 0; q < 20; q++) {
      const r = randomRect(rand, SPAN);
      expect(index.query(r)).toEqual(bruteForce(graph, r));
    }
  });
});
