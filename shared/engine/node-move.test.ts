import { describe, expect, it } from 'vitest';
import { Op } from './index';
import { World } from './test-support/world';

describe('node.move: several nodes as one change', () => {
  it('[H1] moves every node in one batch, and one undo puts them all back', () => {
    const w = new World();
    const a = w.node({ title: 'A', position: { x: 0, y: 0 } });
    const b = w.node({ title: 'B', position: { x: 10, y: 10 } });
    const c = w.node({ title: 'C', position: { x: 20, y: 20 } });
    const batch = w.run('node.move', {
      moves: [
        { id: a, position: { x: 100, y: 0 } },
        { id: b, position: { x: 200, y: 10 } },
        { id: c, position: { x: 20, y: 20 } }, // unchanged: not in the batch
      ],
    });
    expect(batch.nodes.map((e) => [e.op, (e.after as { id: string }).id])).toEqual([
      [Op.NODE_UPDATE, a],
      [Op.NODE_UPDATE, b],
    ]);
    expect(w.n(a).position).toEqual({ x: 100, y: 0 });
    w.run('history.undo', { batchId: batch.batchId });
    expect([w.n(a).position, w.n(b).position, w.n(c).position]).toEqual([
      { x: 0, y: 0 },
      { x: 10, y: 10 },
      { x: 20, y: 20 },
    ]);
  });

  it('[E1] refuses the whole move when one node cannot move, changing nothing', () => {
    const w = new World();
    const a = w.node({ title: 'A' });
    const b = w.node({ title: 'B' });
    w.run('node.trash', { id: b });
    expect(
      w.fail('node.move', {
        moves: [
          { id: a, position: { x: 5, y: 5 } },
          { id: b, position: { x: 1, y: 1 } },
        ],
      }).code,
    ).toBe('bad_request.node_in_trash');
    expect(
      w.fail('node.move', {
        moves: [
          { id: a, position: { x: 5, y: 5 } },
          { id: a, position: { x: 6, y: 6 } },
        ],
      }).code,
    ).toBe('bad_request.duplicate_node');
    expect(w.fail('node.move', { moves: [] }).code).toMatch(/^bad_request\./);
  });

  it('[A1] a viewer may not move a node', () => {
    const w = new World();
    const a = w.node({ title: 'A' });
    const viewer = w.member('vic');
    w.grant(a, viewer, 3);
    expect(
      w.fail('node.move', { moves: [{ id: a, position: { x: 1, y: 1 } }] }, viewer).code,
    ).toMatch(/^forbidden\./);
  });
});
