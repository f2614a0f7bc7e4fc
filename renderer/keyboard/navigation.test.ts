import { describe, expect, it } from 'vitest';
import { linkedNodes, navigate } from './navigation';

const node = (id: string, x: number, y: number) => ({ id, position: { x, y } });
// a → b, a → c, d → a; e unlinked. Reading order: a, b, d, c, e.
const nodes = [
  node('a', 0, 0),
  node('b', 300, 0),
  node('c', 300, 200),
  node('d', 600, 0),
  node('e', 0, 400),
];
const links = [
  { source: 'a', target: 'c' },
  { source: 'a', target: 'b' },
  { source: 'd', target: 'a' },
];

describe('keyboard navigation', () => {
  it('[U5] follows outgoing and incoming links, the other ends in reading order', () => {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    expect(linkedNodes('a', 'out', links, byId)).toEqual(['b', 'c']);
    expect(linkedNodes('a', 'in', links, byId)).toEqual(['d']);
    expect(navigate('out', 'a', nodes, links, null)).toEqual({
      id: 'b',
      step: { from: 'a', options: ['b', 'c'], index: 0 },
    });
    expect(navigate('in', 'a', nodes, links, null)?.id).toBe('d');
    expect(navigate('out', 'e', nodes, links, null)).toBeNull();
  });

  it('[U5] Alt+↓/↑ walk the other ends of the last step, wrapping', () => {
    const step = navigate('out', 'a', nodes, links, null)?.step ?? null;
    const next = navigate('next', 'b', nodes, links, step);
    expect(next?.id).toBe('c');
    expect(navigate('next', 'c', nodes, links, next?.step ?? null)?.id).toBe('b');
    expect(navigate('previous', 'b', nodes, links, step)?.id).toBe('c');
  });

  it('[U5] without a step, Alt+↓/↑ walk every node in reading order; nothing focused starts at an end', () => {
    expect(navigate('next', 'a', nodes, links, null)?.id).toBe('b');
    expect(navigate('next', 'b', nodes, links, null)?.id).toBe('d');
    expect(navigate('next', 'e', nodes, links, null)?.id).toBe('a');
    expect(navigate('previous', 'a', nodes, links, null)?.id).toBe('e');
    expect(navigate('out', null, nodes, links, null)?.id).toBe('a');
    expect(navigate('previous', null, nodes, links, null)?.id).toBe('e');
    // A step whose end is no longer the current node is forgotten.
    const step = navigate('out', 'a', nodes, links, null)?.step ?? null;
    expect(navigate('next', 'd', nodes, links, step)?.id).toBe('c');
    expect(navigate('next', 'a', [], links, null)).toBeNull();
  });
});
