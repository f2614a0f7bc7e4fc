/// <reference types="vite/client" />
/**
 * The benchmark page: one canvas, `?variant=virtual` (useVirtualFlow), `virtual-noclip` (the
 * same with edges drawn whole, as small graphs draw them) or `plain` (React Flow's own
 * `onlyRenderVisibleElements`), on the same generated graph, with the app's
 * NodeCard, LinkEdge and styles, so `virtual` and `plain` differ only in how culling is done.
 * Query: variant, nodes, links, seed; `long` (share of long links), `cell`, `margin`, `lod`,
 * `bg`, `minimap` (`off` leaves the virtual canvas's whole-graph minimap out) and `css` (extra
 * rules) are for experiments by hand.
 */
import '@xyflow/react/dist/style.css';
import '../../renderer/styles.css';
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import {
  Background,
  BackgroundVariant,
  MarkerType,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from '@xyflow/react';
import { CanvasBackground } from '../../renderer/canvas/CanvasBackground';
import { LevelOfDetail } from '../../renderer/canvas/LevelOfDetail';
import { FAR_BELOW } from '../../renderer/canvas/level-of-detail';
import { LinkEdge, makeClippedLinkEdge } from '../../renderer/canvas/LinkEdge';
import { NodeCard } from '../../renderer/canvas/NodeCard';
import { FAR_ID } from '../../shared/ui-constants';
import { WholeGraphMiniMap, type MinimapTimings } from '../../renderer/canvas/WholeGraphMiniMap';
import {
  syncFlowEdges,
  syncFlowNodes,
  type LinkgraphFlowNode,
} from '../../renderer/canvas/flow-elements';
import {
  DEFAULT_SNAP,
  KEEP_AREA_RATIO,
  useVirtualFlow,
} from '../../renderer/canvas/virtualization';
import { GRID, LONG_LINK_SHARE, makeGraph } from './graph';
import { installBenchApi, registerControls } from './driver';

const params = new URLSearchParams(location.search);
const variant = params.get('variant') ?? 'virtual';
const bench = installBenchApi(variant);
const graph = makeGraph(
  Number(params.get('nodes') ?? 10_000),
  Number(params.get('links') ?? 15_000),
  Number(params.get('seed') ?? 1),
  Number(params.get('long') ?? LONG_LINK_SHARE),
);
if (params.get('css')) {
  const style = document.createElement('style');
  style.textContent = params.get('css')!;
  document.head.append(style);
}
// The app's own mapping, node and edge components and edge options (GraphCanvas.tsx).
const initialNodes = syncFlowNodes([], graph.nodes, new Set());
const edges = syncFlowEdges([], graph.links, new Map(), new Map(graph.nodes.map((n) => [n.id, n])));
// The window's grid, margin and keep ratio (useVirtualFlow's defaults unless given, for
// experiments; `keep=0` re-queries at every grid line, as before 2026-11-22).
const snap = {
  cellPx: Number(params.get('cell') ?? DEFAULT_SNAP.cellPx),
  marginPx: Number(params.get('margin') ?? DEFAULT_SNAP.marginPx),
  keepAreaRatio: Number(params.get('keep') ?? KEEP_AREA_RATIO),
};
const nodeTypes = { linkgraph: NodeCard };
const edgeTypes =
  // As the app: large (virtualised) canvases clip edges to the screen; plain React Flow and
  // `virtual-noclip` draw them whole.
  variant === 'virtual' ? { linkgraph: makeClippedLinkEdge(snap) } : { linkgraph: LinkEdge };
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } };
bench.graphReadyMs = performance.now();
// The app's background (none above GraphCanvas's VIRTUALIZE_ABOVE = 400 nodes); `bg` for
// experiments: none, or `dots`/`lines` with a gap, e.g. `dots:20` (the small-graph look).
const [bgKind, bgGap] = (params.get('bg') ?? '').split(':');
const background =
  bgKind === 'none' ? null : bgKind ? (
    <Background
      variant={bgKind === 'lines' ? BackgroundVariant.Lines : BackgroundVariant.Dots}
      gap={Number(bgGap) || 20}
    />
  ) : (
    <CanvasBackground large={graph.nodes.length > 400} />
  );
// The zoomed-out look, as the app's large canvases have it (GraphCanvas); `lod` for
// experiments: `off`, or the zoom below which the far look is used.
const lodParam = params.get('lod');
const levelOfDetail =
  lodParam === 'off' ? null : <LevelOfDetail farBelow={Number(lodParam ?? FAR_BELOW)} />;
// Start at zoom 1 over the middle of the plane (fitView would zoom out to the whole graph).
const middle = { x: (graph.cols * GRID.dx) / 2, y: (graph.rows * GRID.dy) / 2 };
const defaultViewport = {
  x: window.innerWidth / 2 - middle.x,
  y: window.innerHeight / 2 - middle.y,
  zoom: 1,
};
// The node the single-change measurement moves: the one nearest the middle, on screen.
const nudged = Math.min(
  initialNodes.length - 1,
  Math.floor(graph.rows / 2) * graph.cols + Math.floor(graph.cols / 2),
);

/**
 * The app's minimap of large graphs (GraphCanvas), over the records; `minimap=off` leaves it
 * out. `__bench.minimapRedraw(n)` moves one record n times (as a batch would) and times the
 * minimap's node-layer redraw.
 */
function Minimap() {
  const [records, setRecords] = useState(graph.nodes);
  useEffect(() => {
    registerControls({
      // flushSync runs the minimap's layout effect, which reports its draw, before returning.
      redrawMinimap: (dx) => {
        const t0 = performance.now();
        flushSync(() =>
          setRecords((all) =>
            all.map((r, i) =>
              i === nudged ? { ...r, position: { x: r.position.x + dx, y: r.position.y } } : r,
            ),
          ),
        );
        return { ...drawn, commitMs: performance.now() - t0 };
      },
    });
  }, []);
  return <WholeGraphMiniMap records={records} onNodesDrawn={onNodesDrawn} />;
}
const drawn: MinimapTimings = { nodesMs: NaN, count: 0 };
const onNodesDrawn = (t: MinimapTimings) => Object.assign(drawn, t);
const minimap = params.get('minimap') === 'off' ? null : <Minimap />;

/** The app's nodes as state, changed one node at a time like an edit would. */
function useNudgeableNodes(): LinkgraphFlowNode[] {
  const [nodes, setNodes] = useState(initialNodes);
  useEffect(() => {
    registerControls({
      nudge: (dx) =>
        flushSync(() =>
          setNodes((all) =>
            all.map((n, i) =>
              i === nudged ? { ...n, position: { x: n.position.x + dx, y: n.position.y } } : n,
            ),
          ),
        ),
    });
  }, []);
  return nodes;
}

function Controls() {
  const flow = useReactFlow();
  useEffect(() => {
    registerControls({
      setViewport: (v) => void flow.setViewport(v),
      getViewport: () => flow.getViewport(),
    });
  }, [flow]);
  return null;
}

function PlainCanvas() {
  const nodes = useNudgeableNodes();
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      defaultEdgeOptions={defaultEdgeOptions}
      onlyRenderVisibleElements
      defaultViewport={defaultViewport}
      proOptions={{ hideAttribution: true }}
    >
      {background}
      <Controls />
    </ReactFlow>
  );
}

function VirtualCanvas() {
  const allNodes = useNudgeableNodes();
  const visible = useVirtualFlow(allNodes, edges, { snap });
  return (
    <ReactFlow
      nodes={visible.nodes}
      edges={visible.edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      defaultEdgeOptions={defaultEdgeOptions}
      defaultViewport={defaultViewport}
      proOptions={{ hideAttribution: true }}
    >
      {background}
      {levelOfDetail}
      {minimap}
      <Controls />
    </ReactFlow>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// The zoomed-out display id's size, which the app sets with its theme (renderer/theme): the
// harness sets only these, as its cards had them before they became variables (2026-12-02).
root.style.setProperty('--lg-far-id-px', `${FAR_ID.px}px`);
root.style.setProperty('--lg-far-id-line', `${FAR_ID.linePx}px`);
createRoot(root).render(
  <ReactFlowProvider>
    {variant === 'plain' ? <PlainCanvas /> : <VirtualCanvas />}
  </ReactFlowProvider>,
);
