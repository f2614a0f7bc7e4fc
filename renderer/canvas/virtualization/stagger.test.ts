import { describe, expect, it } from 'vitest';
import type { Edge, Node } from '@xyflow/react';
import { nearestFirst, newCount, nextStaggerLimit } from './stagger';

const node = (id: string, x: number, y: number): Node => ({ id, position: { x, y }, data: {} });
const edge = (id: string, source: string, target: string): Edge => ({ id, source, target });

describe('the staggered card hand-over', () => {
  const nodes = [node('a', 900, 900), node('b', 100, 100), node('c', 0, 0), node('d', 500, 0)];
  const edges = [edge('ab', 'a', 'b'), edge('bc', 'b', 'c'), edge('cd', 'c', 'd')];
  const rect = { minX: -100, minY: -100, maxX: 200, maxY: 200 };

  it('[H1] hands over the cards nearest the view centre first, in the list order, with the links between them', () => {
    const two = nearestFirst(nodes, edges, rect, 2);
    expect(two.nodes.map((n) => n.id)).toEqual(['b', 'c']);
    expect(two.edges.map((e) => e.id)).toEqual(['bc']);
    const three = nearestFirst(nodes, edges, rect, 3);
    expect(three.nodes.map((n) => n.id)).toEqual(['b', 'c', 'd']);
    expect(three.edges.map((e) => e.id)).toEqual(['bc', 'cd']);
  });

  it('[H1] hands over everything once the limit reaches the list', () => {
    const all = nearestFirst(nodes, edges, rect, 4);
    expect(all.nodes).toEqual(nodes);
    expect(all.edges).toEqual(edges);
  });

  it('[H1] ends the hand-over for good: a card that comes on screen later does not start another', () => {
    // The hook staggers while limit < the cards on screen, a chunk more each frame.
    let limit = 20;
    let total = 40;
    let frames = 0;
    while (limit < total) {
      limit = nextStaggerLimit(limit, 20, total);
      frames++;
    }
    expect(frames).toBe(1);
    // A link is made to a node far away: its card is handed over at once, no new stagger
    // (which would hold and draw the overview layer at zoom 1 again).
    total = 41;
    expect(limit < total).toBe(false);
    expect(nextStaggerLimit(20, 20, 100)).toBe(40);
  });

  it('[H1] after a zoom that kept its cards, keeps them all and adds the nearest new ones a chunk at a time', () => {
    // 'a' (far from the centre) was on screen before the zoom rested; 'b', 'c', 'd' are new.
    const mounted = new Set(['a']);
    expect(newCount(nodes, mounted)).toBe(3);
    expect(newCount(nodes, null)).toBe(4);
    const one = nearestFirst(nodes, edges, rect, 1, mounted);
    // 'b' and 'c' are as near the centre: the list order decides.
    expect(one.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(one.edges.map((e) => e.id)).toEqual(['ab']);
    const two = nearestFirst(nodes, edges, rect, 2, mounted);
    expect(two.nodes.map((n) => n.id)).toEqual(['a', 'b', 'c']);
    expect(two.edges.map((e) => e.id)).toEqual(['ab', 'bc']);
    // A mounted card that left the view is not kept: only the list given counts.
    const rest = nearestFirst(nodes.slice(1), edges, rect, 1, new Set(['a', 'd']));
    expect(rest.nodes.map((n) => n.id)).toEqual(['b', 'd']);
    expect(nearestFirst(nodes, edges, rect, 3, mounted).nodes).toEqual(nodes);
  });
});
