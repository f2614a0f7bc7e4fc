/**
 * Packing boxes into a Flatbush tree (a static Hilbert R-tree) for the GraphIndex
 * (graph-index.ts): the one step of it that costs O(N log N), taken only when the index is
 * built or its dirty list has outgrown the threshold.
 */
import Flatbush from 'flatbush';

type Add = (minX: number, minY: number, maxX: number, maxY: number) => void;

/** A tree of `count` boxes, item k's given by `box(k, add)` calling `add` once. */
export function packBoxes(count: number, box: (k: number, add: Add) => void): Flatbush | null {
  if (count === 0) return null;
  const tree = new Flatbush(count);
  const add: Add = (a, b, c, d) => void tree.add(a, b, c, d);
  for (let k = 0; k < count; k++) box(k, add);
  tree.finish();
  return tree;
}
