import { applyNodeChanges, type Node, type NodeChange } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { listPatch } from './list-patch';
import { patchNodeChanges } from './node-changes';
import { FlowIndex } from './virtualization/flow-sync';

const nodes = (n: number): Node[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `n${i}`,
    position: { x: (i % 50) * 300, y: Math.floor(i / 50) * 120 },
    data: {},
  }));

const measured = (id: string, width: number, height: number): NodeChange => ({
  type: 'dimensions',
  id,
  dimensions: { width, height },
});

describe('React Flow node changes as a patch', () => {
  it('[U5] cards measured at the hand-over replace only their elements, and the list says which', () => {
    const before = nodes(2_000);
    const at = new Map(before.map((n, i) => [n.id, i]));
    const changes = [
      measured('n1500', 227, 67),
      measured('n7', 227, 80),
      { type: 'select', id: 'n7', selected: true } as NodeChange,
    ];
    const after = patchNodeChanges(changes, before, (id) => at.get(id));
    // What React Flow's applyNodeChanges gives, with every other card the same object.
    expect(after).toEqual(applyNodeChanges(changes, before));
    for (let i = 0; i < before.length; i++)
      if (i !== 7 && i !== 1500) expect(after[i]).toBe(before[i]);
    expect(after[7]).toMatchObject({ selected: true, measured: { width: 227, height: 80 } });
    expect(listPatch(after)).toEqual({ previous: before, indices: [7, 1500], rewired: false });

    // The viewport index follows the patch: it answers as one built from the new list.
    const index = new FlowIndex(before, []);
    const version = index.version;
    expect(index.update(after, [])).toBe(version + 1);
    const fresh = new FlowIndex(after, []);
    const rect = { minX: 0, minY: 0, maxX: 3000, maxY: 4000 };
    expect(index.select(rect).nodes).toEqual(fresh.select(rect).nodes);
  });

  it('[U5] a node not where the positions say, or an added node, takes the whole-list path', () => {
    const before = nodes(10);
    const changes = [measured('n3', 100, 50)];
    const after = patchNodeChanges(changes, before, () => 5);
    expect(after).toEqual(applyNodeChanges(changes, before));
    expect(listPatch(after)).toBeUndefined();
    const add = {
      type: 'add',
      item: { id: 'x', position: { x: 0, y: 0 }, data: {} },
    } as NodeChange;
    expect(patchNodeChanges([add], before, () => 0)).toHaveLength(11);
    // Nothing changed: the same list.
    expect(patchNodeChanges([], before, () => 0)).toBe(before);
  });
});
