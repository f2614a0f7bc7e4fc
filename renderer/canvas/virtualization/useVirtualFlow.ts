/**
 * Viewport virtualisation for React Flow: hand React Flow only what is on screen (plus the far
 * ends of edges that reach the screen), found with a spatial index instead of React Flow's
 * O(N)-per-frame `onlyRenderVisibleElements`.
 *
 * Usage — GraphCanvas keeps its full lists and hands React Flow the visible part. The hook
 * reads React Flow's store, so it must run under a <ReactFlowProvider> (GraphCanvas already
 * does, since it calls useReactFlow):
 *
 *   const [nodes, setNodes] = useSyncedList(nodeInput, ...);   // all nodes, as today
 *   const [edges, setEdges] = useSyncedList(edgeInput, ...);   // all edges, as today
 *   const visible = useVirtualFlow(nodes, edges);
 *   <ReactFlow nodes={visible.nodes} edges={visible.edges} onNodesChange={onNodesChange} ...>
 *
 * and, in LinkEdge, `useClippedBezierPath(props)` in place of `getBezierPath(...)` (edge-clip.ts).
 *
 * - onNodesChange/onEdgesChange keep applying changes to the full lists with
 *   applyNodeChanges/applyEdgeChanges: changes name only handed-over items, unchanged objects
 *   keep their identity, and this hook diffs by identity (a drag is O(N) pointer compares plus
 *   O(degree) index work; no rebuild, no re-render of other nodes).
 * - Do not also pass `onlyRenderVisibleElements` (it would cull again, in O(N) per frame).
 * - `fitView` fits only the nodes React Flow holds; fit the whole graph with
 *   `fitBounds(rectToBox(visible.bounds()!))` from useReactFlow() instead.
 * - <MiniMap> and select-all see only the handed-over subset (GraphCanvas draws large graphs'
 *   minimap from the records instead: ../WholeGraphMiniMap.tsx). Whatever is on screen is in the
 *   DOM, so a minZoom of 0.05 on a 10,000-node graph would mount everything: keep it near 0.25
 *   for large graphs (the level of detail, ../LevelOfDetail.tsx, changes the look, not what
 *   is mounted).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useStore, type Edge, type Node } from '@xyflow/react';
import { nextTask, whenIdle } from './idle';
import { LazyFlowIndex } from './lazy-flow-index';
import { nearestFirst, newCount, nextStaggerLimit } from './stagger';
import type { Rect } from './geometry';
import type { GraphIndexOptions } from './graph-index';
import { DEFAULT_SNAP, type SnapOptions } from './viewport';
import { sameWindow, windowSelector } from './window-selector';

export interface VirtualFlowOptions extends GraphIndexOptions {
  snap?: SnapOptions;
  /** Quiet time after the last change before the index is compacted; default 400 ms. */
  compactAfterMs?: number;
  /** Hand over nothing and query nothing (the overview layer draws the plan meanwhile). */
  paused?: boolean;
  /**
   * Keep what is handed over as it is, whatever the viewport does (while a zoom is moving:
   * overview-mode.ts); data changes still apply. When it ends, what the view now shows comes
   * in a stagger, the cards kept staying.
   */
  frozen?: boolean;
  /**
   * Cards handed over per frame when unpaused or unfrozen (stagger.ts), nearest the centre
   * first; 0 for all at once. `onStagger` says when that starts and ends.
   */
  stagger?: number;
  onStagger?: (staggering: boolean) => void;
  /**
   * The lists are a first part, soon replaced whole (a large plan's links still being made:
   * use-synced-list.ts): while paused, the index waits for the whole lists instead of being
   * built when idle and then again for them (~0.15 and ~0.2 s at 100,000 nodes). Anything
   * that needs it meanwhile (cards, `bounds`) builds it at once, as before.
   */
  provisional?: boolean;
}

export interface VirtualFlow<N extends Node, E extends Edge> {
  nodes: N[];
  edges: E[];
  /** The whole graph's bounding box in flow coordinates, or null when it is empty. */
  bounds: () => Rect | null;
  /**
   * While frozen, the window whose every card is mounted (flow coordinates): a layer drawn
   * under the cards leaves it to them (OverviewLayer), instead of drawing its own boxes and
   * links under theirs. Null otherwise, and while a hand-over stopped by the freeze has not
   * mounted them all.
   */
  kept: Rect | null;
}

/** A {x, y, width, height} box for `fitBounds`. */
export function rectToBox(r: Rect): { x: number; y: number; width: number; height: number } {
  return { x: r.minX, y: r.minY, width: r.maxX - r.minX, height: r.maxY - r.minY };
}

const EMPTY = { nodes: [], edges: [] };

/** An index made (or caught up) when idle gets its trees in the page's next task. */
function settle(held: { flow: { index: { buildDueTrees(): void } } } | null): void {
  if (held) nextTask(() => held.flow.index.buildDueTrees());
}
/** The window's equality while frozen: the window in use stays, whatever the viewport does. */
const keepWindow = () => true;

export function useVirtualFlow<N extends Node, E extends Edge>(
  allNodes: N[],
  allEdges: E[],
  options: VirtualFlowOptions = {},
): VirtualFlow<N, E> {
  const {
    snap = DEFAULT_SNAP,
    compactAfterMs = 400,
    defaultSize,
    rebuildThreshold,
    paused = false,
    frozen = false,
    stagger = 0,
    onStagger,
    provisional = false,
  } = options;
  // One index for the component's life; it is mutable by design (see flow-sync.ts). While
  // paused (a large plan opens in the overview) the first frame does not need it: it is built
  // once the page is idle (`whenIdle`), or at once when the hook stops being paused.
  // Its trees are built by the first query, or (made when idle) in the task after (`settle`).
  const [lazy] = useState(
    () => new LazyFlowIndex<N, E>({ defaultSize, rebuildThreshold, treesLater: true }),
  );
  lazy.offer(allNodes, allEdges);
  // While paused the index is not brought up to the lists on the change path (a removed
  // node rebuilds it: ~0.2 s at 100,000); it catches up when idle, or when unpaused.
  const held = paused ? lazy.held() : lazy.build();
  const flow = held?.flow ?? null;
  const version = held?.version ?? -1;
  useEffect(
    () => (provisional ? undefined : whenIdle(() => settle(lazy.build()))),
    [lazy, provisional],
  );
  useEffect(
    () => (paused && !provisional ? whenIdle(() => settle(lazy.current())) : undefined),
    [lazy, paused, provisional, allNodes, allEdges],
  );

  // Re-render on viewport changes only when the snapped window changes (see viewport.ts), and
  // not at all while frozen (a new equality when that ends reads the window again).
  const equality = useMemo(() => (frozen ? keepWindow : sameWindow(snap)), [frozen, snap]);
  const view = useStore(windowSelector(snap), equality);

  const subset = useMemo(
    () => (paused || !flow ? EMPTY : flow.select(view.rect)),
    // `version` stands for the index's contents, which `flow` mutates in place.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [flow, version, view, paused],
  );

  // The hand-over from the overview to cards, or to the cards a rested zoom now shows: a few
  // cards a frame, nearest the centre first (stagger.ts), the cards already mounted staying,
  // while `onStagger(true)` keeps the overview layer drawing the rest. A freeze stops it where
  // it is (the view is not changing what is handed over meanwhile).
  const [limit, setLimit] = useState(Infinity);
  const [mounted, setMounted] = useState<ReadonlySet<string> | null>(null);
  const [onScreen, setOnScreen] = useState<ReadonlySet<string> | null>(null);
  const [was, setWas] = useState({ paused, frozen });
  // Cards not yet mounted, counted only while a hand-over is under way (its limit is finite).
  const fresh = limit === Infinity ? 0 : newCount(subset.nodes, mounted);
  const staggering = !paused && limit < fresh;
  const shown = useMemo(
    () =>
      staggering ? nearestFirst(subset.nodes, subset.edges, view.rect, limit, mounted) : subset,
    [staggering, subset, view, limit, mounted],
  );
  if (was.paused !== paused || was.frozen !== frozen) {
    setWas({ paused, frozen });
    if (paused || !stagger) {
      setLimit(Infinity);
      setMounted(null);
      setOnScreen(null);
    } else if (was.paused) {
      setLimit(stagger);
      setMounted(null);
    } else if (frozen) {
      // A freeze begins: what is on screen now (the view is still the one it was drawn for).
      setOnScreen(new Set(shown.nodes.map((n) => n.id)));
    } else {
      // It ends: those cards stay, the ones the view has come to show are handed over.
      setLimit(stagger);
      setMounted(onScreen);
      setOnScreen(null);
    }
  }
  useEffect(() => {
    onStagger?.(staggering);
    if (!staggering || !stagger || frozen) return;
    const frame = requestAnimationFrame(() => setLimit((l) => nextStaggerLimit(l, stagger, fresh)));
    return () => cancelAnimationFrame(frame);
  }, [staggering, limit, stagger, onStagger, fresh, frozen]);

  // Once changes settle and the view rests, rebuild the trees so queries stop scanning the
  // dirty list. Not while the view moves: a pan mounts cards, React Flow's measurements of
  // them are changes, and the rebuild (35–45 ms at 50,000 nodes) then fell mid-pan, a long
  // frame each time; the few hundred dirty cards a pan leaves cost its queries nothing much.
  useEffect(() => {
    if (!flow) return;
    const timer = setTimeout(() => flow.index.compact(), compactAfterMs);
    return () => clearTimeout(timer);
  }, [flow, version, compactAfterMs, view]);

  // Reads the index when called (building it if need be), so it is always current.
  const bounds = useCallback(() => lazy.build().flow.index.bounds(), [lazy]);

  const kept = frozen && !paused && !staggering ? view.rect : null;
  return { nodes: shown.nodes, edges: shown.edges, bounds, kept };
}
