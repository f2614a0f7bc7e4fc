/**
 * The minimap's change path (minimap-layer-patch.ts) against the graph store: a node trashed
 * from the middle of the plan is spliced out of the drawn layer (no redraw), and the layer's
 * pixels and owners are those of a full redraw of the new list.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Batch } from '../../shared/engine/batch';
import { Op } from '../../shared/engine/constants';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import { listEditOf } from '../state/active-graph';
import { useGraphStore } from '../state/graph-store';
import { fitFrame, nodesBounds, rasterizeNodes } from './minimap-geometry';
import { patchNodeLayer, versionOf, type Layer } from './minimap-layer-patch';
import { DEFAULT_NODE_SIZE } from './virtualization';

const SIZE = { width: 200, height: 150 };
const COLOURS = [0xff0000ff, 0xff00ff00, 0xffff0000, 0xff888888];

const node = (i: number): NodeRecord =>
  ({
    id: `n${i}`,
    display_id: `TASK-${i}`,
    title: `n${i}`,
    description: '',
    kind: 'task',
    status: (i % 4) as NodeRecord['status'],
    dependent: true,
    owner: 'o',
    // A 20 × 15 grid, overlapping a little so owners matter.
    position: { x: (i % 20) * 150, y: Math.floor(i / 20) * 60 },
    tags: [],
    priority: 0,
    version: 1,
    created_time: 't',
    last_edited_time: 't',
    in_trash: false,
  }) as NodeRecord;

const link = (i: number, source: string, target: string): LinkRecord =>
  ({
    id: `l${i}`,
    display_id: `LNK-${i}`,
    source,
    target,
    type: 0,
    private: false,
    owner: 'o',
    was_blocker: true,
    version: 1,
    in_trash: false,
    created_by: 'o',
    created_time: 't',
    modified_by: 'o',
    modified_time: 't',
  }) as LinkRecord;

/** What WholeGraphMiniMap's drawNodeLayer draws, into plain arrays (no DOM canvas in Node). */
function drawn(records: readonly NodeRecord[]): Layer {
  const n = records.length;
  const xs = records.map((r) => r.position.x);
  const ys = records.map((r) => r.position.y);
  const bounds = nodesBounds(xs, ys, n, DEFAULT_NODE_SIZE)!;
  const frame = fitFrame(bounds, SIZE, 5);
  const data = new Uint8ClampedArray(SIZE.width * SIZE.height * 4);
  const image = { data, width: SIZE.width, height: SIZE.height } as ImageData;
  const owner = new Int32Array(SIZE.width * SIZE.height).fill(-1);
  const pixels = new Uint32Array(data.buffer);
  const kinds = records.map((r) => r.status);
  const args = [SIZE.width, SIZE.height, frame, 1, xs, ys, kinds, n, DEFAULT_NODE_SIZE] as const;
  rasterizeNodes(pixels, ...args, COLOURS, owner);
  let puts = 0;
  const canvas = {
    getContext: () => ({ putImageData: () => void puts++ }),
    get puts() {
      return puts;
    },
  } as unknown as HTMLCanvasElement;
  return {
    canvas,
    frame,
    bounds,
    records,
    image,
    owner,
    colours: COLOURS,
    dpr: 1,
    version: versionOf(records),
  };
}

afterEach(() => useGraphStore.setState(useGraphStore.getInitialState(), true));

describe('minimap layer change path', () => {
  it('[U5] nodes trashed (and one restored) are spliced into the layer as a redraw would draw them', () => {
    const nodes = Array.from({ length: 300 }, (_, i) => node(i));
    const links = Array.from({ length: 200 }, (_, i) => link(i, `n${i}`, `n${i + 1}`));
    const store = useGraphStore.getState();
    store.setView({
      workspace: { id: 'w', name: 'w' } as never,
      member: 'o',
      nodes,
      links,
    });
    const layer = drawn(useGraphStore.getState().active.nodes);
    const trash = (id: string, in_trash: boolean) => {
      const n = useGraphStore.getState().nodes.get(id)!;
      return {
        op: in_trash ? Op.NODE_TRASH : Op.NODE_RESTORE,
        before: n,
        after: { ...n, in_trash },
      };
    };
    // Three removals, then one node restored in the middle while two others go.
    for (const [gone, back] of [[[150]], [[47]], [[222]], [[110, 133], [47]]] as number[][][]) {
      const ids = new Set(gone!.map((i) => `n${i}`));
      const batch = {
        nodes: [
          ...gone!.map((i) => trash(`n${i}`, true)),
          ...(back ?? []).map((i) => trash(`n${i}`, false)),
        ],
        links: [...useGraphStore.getState().links.values()]
          .filter((l) => !l.in_trash && (ids.has(l.source) || ids.has(l.target)))
          .map((l) => ({ op: Op.LINK_TRASH, before: l, after: { ...l, in_trash: true } })),
      } as unknown as Batch;
      useGraphStore.getState().applyBatch(batch);
      const records = useGraphStore.getState().active.nodes;
      expect(records.length).toBeLessThan(layer.records.length);
      expect(listEditOf(records)?.inserted.length).toBe(back ? 1 : 0);
      // Patched in place: true (a false would redraw all 100,000 nodes at every removal).
      expect(patchNodeLayer(layer, records, 1)).toBe(true);
      const fresh = drawn(records);
      expect(layer.records).toBe(records);
      expect(Array.from(layer.owner)).toEqual(Array.from(fresh.owner));
      expect(Array.from(new Uint32Array(layer.image.data.buffer))).toEqual(
        Array.from(new Uint32Array(fresh.image.data.buffer)),
      );
    }
  });
});
