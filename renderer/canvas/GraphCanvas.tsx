/**
 * The canvas: React Flow in controlled mode over the graph store. Gestures become service
 * commands — drag handle→node creates a link, dragging an edge's end replaces it, Delete
 * trashes, dragging a node moves it — and the canvas changes only when a batch comes back,
 * so a refused change leaves everything where it was (the edge "snaps back").
 */
import { shownRecords, useGroupView } from '../groups/use-group-view';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type MouseEvent as ReactMouseEvent,
} from 'react';
import {
  applyEdgeChanges,
  ConnectionMode,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type OnDelete,
  type OnNodeDrag,
} from '@xyflow/react';
import { Op } from '../../shared/engine/constants';
import { STATUS_COLOURS } from '../../shared/ui-constants';
import { addNodeNear } from '../app/add-node';
import { command } from '../app/commands';
import { trashSelection } from '../app/selection';
import { canvasEvents } from '../app/shell-events';
import { useViewingAs } from '../app/view-as';
import { useGraphStore } from '../state/graph-store';
import { useUiStore } from '../state/ui-store';
import { newLinkParams } from './link-params';
import type { LinkgraphFlowEdge, LinkgraphFlowNode } from './flow-elements';
import { CanvasBackground } from './CanvasBackground';
import { fitBounds, fitPlan, graphBounds } from './fit-graph';
import { useOutlineView } from './use-outline-view';
import { OutlineNotice } from './OutlineNotice';
import { VIRTUALIZE_ABOVE } from './virtualize-above';
import { OverviewLayer, type OverviewHit } from './overview/OverviewLayer';
import { overviewMinZoom } from './overview/overview-view';
import { useOverviewMode } from './overview/use-overview-mode';
import { useEditorStore } from '../state/editor-store';
import { useEditorSelection } from './use-editor-selection';
import { LevelOfDetail } from './LevelOfDetail';
import { ClippedLinkEdge, LinkEdge } from './LinkEdge';
import { NodeCard } from './NodeCard';
import { patchNodeChanges } from './node-changes';
import { useFlowLists } from './use-synced-list';
import { useLinksAfterCardsTabOrder, withinBox } from './tab-order';
import { WholeGraphMiniMap } from './WholeGraphMiniMap';
import { ZoomControls } from './ZoomControls';
import { KeyboardLayer } from '../keyboard/KeyboardLayer';
import { useKeptLinksClip, useVirtualFlow } from './virtualization';
import { STAGGER_CHUNK } from './virtualization/stagger';
import { CanvasMenus, useCanvasMenuHandlers } from '../inspect/CanvasMenus';
import { useFindView } from '../find/use-find-view';
import { GroupsPanel } from '../groups/GroupsPanel';

/** A link end dropped on a card that could not take it: say so instead of doing nothing. */
const saysWhyNot = (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
  const onCard = (event.target as Element | null)?.closest?.('.react-flow__node');
  if (state.isValid || !onCard) return;
  useUiStore
    .getState()
    .toast('error', 'That end cannot attach there: drop it on the card of another node.');
};

const reconnectSaysWhyNot = (
  event: MouseEvent | TouchEvent,
  _edge: LinkgraphFlowEdge,
  _end: unknown,
  state: FinalConnectionState,
) => saysWhyNot(event, state);

/** Above this many nodes the canvas virtualises its viewport (virtualize-above.ts). */
export { VIRTUALIZE_ABOVE };

const nodeTypes = { linkgraph: NodeCard };
const edgeTypes = { linkgraph: LinkEdge };
/** Large graphs draw only the on-screen piece of each edge. */
const largeEdgeTypes = { linkgraph: ClippedLinkEdge };
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } };
const NONE: never[] = [];
const PRO_OPTIONS = { hideAttribution: true };
/** The pane size minZoom is worked out for (a small window still fits the whole plan). */
const MIN_PANE = { width: 480, height: 320 };
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const DELETE_KEYS = ['Delete', 'Backspace'];

export function GraphCanvas() {
  const theme = useUiStore((s) => s.theme);
  const select = useUiStore((s) => s.select);
  const flow = useReactFlow();
  const menus = useCanvasMenuHandlers();
  const { screenToFlowPosition } = flow;
  // "View as" is a read-only preview (app/view-as.ts): no gesture changes anything.
  const readOnly = useViewingAs() !== null;
  // Tab reaches the cards before the links (tab-order.ts), and centres a link out of sight.
  const revealLink = useCallback(
    (el: Element) => {
      const pane = el.closest('.react-flow')?.getBoundingClientRect();
      const link = useGraphStore.getState().links.get(el.getAttribute('data-id') ?? '');
      if (!pane || !link || withinBox(el, pane)) return;
      const ends = [link.source, link.target].map((id) => flow.getInternalNode(id));
      const at = ends.map((n) => n?.internals.positionAbsolute ?? null);
      if (!at[0] || !at[1]) return;
      void flow.setCenter((at[0].x + at[1].x) / 2, (at[0].y + at[1].y) / 2, {
        zoom: flow.getZoom(),
        duration: 200,
      });
    },
    [flow],
  );
  useLinksAfterCardsTabOrder(revealLink);

  // Records not in trash and the full flow lists, patched batch by batch (the change path).
  const { records, nodes, edges, setNodes, setEdges, edgesPending, completeNow } = useFlowLists();

  // The desktop menu's Fit and Delete act on the canvas. Fit uses the records' bounds: a
  // virtualised canvas holds only the mounted cards (fit-graph.ts).
  useEffect(
    () =>
      canvasEvents.subscribe((event) => {
        if (event.type === 'fit-view') fitPlan(flow, shownRecords());
        else void trashSelection();
      }),
    [flow],
  );

  // Large graphs: hand React Flow only what is on screen (renderer/canvas/virtualization).
  // Small ones keep everything mounted, so React Flow's minimap and fit-view see the whole
  // graph; large ones draw their minimap from the records (WholeGraphMiniMap).
  // Search, focus and filters (renderer/find): what is handed over, dimmed and highlighted.
  // Groups (renderer/groups): collapsed parents stand for what they hide.
  const view = useGroupView(useFindView(records, nodes, edges));
  // Decided by what is shown, not by the whole plan: a large plan folded down to a few group
  // cards (or focused on a few nodes) is drawn as cards at any zoom, like a small one.
  // A large plan's outline, drawn while its records load (use-outline-view.ts).
  const opening = useOutlineView(view.nodes.length);
  const large = view.nodes.length > VIRTUALIZE_ABOVE || opening.outline !== null;
  // React Flow's own fit on open is for small plans, decided once, when the plan first shows:
  // its fitView prop re-fits whenever it changes, and `large` now changes with a filter.
  const [fitOnOpen, setFitOnOpen] = useState<boolean | null>(null);
  if (fitOnOpen === null && view.nodes.length > 0) setFitOnOpen(!large);
  // Zoomed out past the cards' legibility, a large graph is drawn by the overview layer
  // (overview/OverviewLayer.tsx) and React Flow mounts no cards; re-renders only on crossing.
  // Re-renders only when that flips, and when a zoom starts or rests (overview-mode.ts).
  const { mode: overviewMode, active: zoomedOut, moving: zooming } = useOverviewMode();
  // Until a large plan's opening fit (below) is done, the view is React Flow's default zoom 1:
  // mount no cards for it (the overview draws the plan as soon as it is fitted).
  const workspaceId = useGraphStore((s) => s.workspace?.id) ?? opening.outline?.workspace.id;
  const [fittedWorkspace, setFittedWorkspace] = useState<string | undefined>(undefined);
  const overview = large && (zoomedOut || fittedWorkspace !== workspaceId);
  // Cards show with their links: those still being made in slices are made now.
  useEffect(() => {
    if (!overview && edgesPending) completeNow();
  }, [overview, edgesPending, completeNow]);
  // The hand-over to cards is spread over frames under the still-drawing layer (stagger.ts);
  // while a zoom moves, the cards stay as they are and the layer draws around them.
  const visible = useVirtualFlow(view.nodes, view.edges, {
    paused: overview,
    frozen: zooming,
    stagger: STAGGER_CHUNK,
    onStagger: overviewMode.hold,
    provisional: edgesPending,
  });
  useKeptLinksClip(visible.kept);
  const onSelectionChange = useEditorSelection(nodes, setNodes, setEdges);
  const overviewHit = useRef<OverviewHit | null>(null);
  // Low enough that fitting the whole plan is always allowed (the overview draws it).
  const minZoom = useMemo(
    () =>
      large ? overviewMinZoom(rectOf(opening.bounds ?? graphBounds(records)), MIN_PANE) : 0.05,
    [large, records, opening.bounds],
  );
  // A large plan opens fitted: the overview shows all of it (fitView would fit mounted cards).
  const fittedFor = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!large || !workspaceId || fittedFor.current === workspaceId) return;
    fittedFor.current = workspaceId;
    // From the outline's bounds when it shows first: the same box the records will have.
    fitBounds(flow, opening.bounds ?? graphBounds(records), 0);
    setFittedWorkspace(workspaceId);
  }, [large, workspaceId, records, flow, opening.bounds]);

  // Removals wait for the engine (onDelete below); everything else (drag, select, measure) is
  // local, patched into the full list where the cards are (node-changes.ts).
  const onNodesChange = useCallback(
    (changes: NodeChange<LinkgraphFlowNode>[]) =>
      setNodes((prev) =>
        patchNodeChanges(
          changes.filter((c) => c.type !== 'remove'),
          prev,
          (id) => useGraphStore.getState().active.nodeAt.get(id),
        ),
      ),
    [setNodes],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<LinkgraphFlowEdge>[]) =>
      setEdges((prev) =>
        applyEdgeChanges(
          changes.filter((c) => c.type !== 'remove'),
          prev,
        ),
      ),
    [setEdges],
  );

  const onConnect = useCallback((connection: Connection) => {
    if (!connection.source || !connection.target) return;
    const params = newLinkParams(connection.source, connection.target);
    // The refusal names the node it is about from the drawn link (for is_part_of, the part).
    void command('link.create', params, { draw: params }).then((batch) => {
      // [R2] Drawing a link that is in the trash brings that link back: say so.
      if (batch?.links.some((e) => e.op === Op.LINK_RESTORE)) {
        useUiStore.getState().toast('info', 'That link was in the trash: it has been restored.');
      }
    });
  }, []);

  const onReconnect = useCallback((old: LinkgraphFlowEdge, connection: Connection) => {
    const record = old.data?.record;
    if (!record || !connection.source || !connection.target) return;
    if (connection.source === record.source && connection.target === record.target) return;
    const params = {
      id: record.id,
      source: connection.source,
      target: connection.target,
      ...(record.link_type ? { link_type: record.link_type } : {}),
      ...(record.custom_link_type ? { custom_link_type: record.custom_link_type } : {}),
    };
    void command('link.replace', params, { link: record.id, draw: params });
  }, []);

  // Deleting a selection is one command: one batch, one undo step, all or nothing.
  const onDelete: OnDelete<LinkgraphFlowNode, LinkgraphFlowEdge> = useCallback(
    async ({ nodes: gone, edges: goneEdges }) => {
      await trashSelection(
        gone.map((n) => n.id),
        goneEdges.map((e) => e.id),
      );
    },
    [],
  );

  // A drag (of one node or a whole selection) is one move: one batch, one undo step.
  const onNodeDragStop: OnNodeDrag<LinkgraphFlowNode> = useCallback(
    (_event, _node, dragged) => {
      const moves = dragged
        .map((n) => ({
          id: n.id,
          from: n.data.record.position,
          position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
        }))
        .filter((m) => m.position.x !== m.from.x || m.position.y !== m.from.y);
      if (moves.length === 0) return;
      void command('node.move', {
        moves: moves.map(({ id, position }) => ({ id, position })),
      }).then((batch) => {
        if (batch) return;
        // Refused: put the cards back where the engine has them.
        const back = new Map(moves.map((m) => [m.id, m.from]));
        setNodes((prev) =>
          prev.map((n) => (back.has(n.id) ? { ...n, position: back.get(n.id) ?? n.position } : n)),
        );
      });
    },
    [setNodes],
  );

  // Every handler handed to React Flow keeps its identity across the canvas's renders: its
  // edge renderer hands them to each mounted edge, whose memo a new function defeats (a link
  // that comes re-rendered every edge on screen; docs/canvas-performance.md).
  const { onNodeClick: inspectNode } = menus;
  const onPaneClick = useCallback(
    (event: ReactMouseEvent) => {
      // Where the overview layer draws (at overview zoom; around the cards a moving zoom keeps)
      // a click on the pane is a click on the node drawn there: it selects it.
      const hit = overviewHit.current?.(event.clientX, event.clientY) ?? null;
      if (hit) {
        setNodes((all) =>
          all.map((n) => (n.selected === (n.id === hit) ? n : { ...n, selected: n.id === hit })),
        );
        useEditorStore.getState().setSelection([hit], []);
        inspectNode(event, { id: hit } as LinkgraphFlowNode);
        return;
      }
      select(null);
      useUiStore.getState().selectLink(null);
    },
    [setNodes, inspectNode, select],
  );

  const onDoubleClick = useCallback(
    (event: ReactMouseEvent) => {
      if (!(event.target as Element).classList.contains('react-flow__pane')) return;
      if (readOnly) return;
      void addNodeNear(screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [screenToFlowPosition, readOnly],
  );

  return (
    <ReactFlow
      // Whether a large plan's links are still being made after it opened (for tests, benches).
      data-links={edgesPending ? 'pending' : 'complete'}
      nodes={overview ? NONE : large ? visible.nodes : view.nodes}
      edges={overview ? NONE : large ? visible.edges : view.edges}
      nodeTypes={nodeTypes}
      edgeTypes={large ? largeEdgeTypes : edgeTypes}
      defaultEdgeOptions={defaultEdgeOptions}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      onReconnect={onReconnect}
      onDelete={onDelete}
      onNodeDragStop={onNodeDragStop}
      onSelectionChange={onSelectionChange}
      // Shift-drag draws a marquee; shift- (or Ctrl/Cmd-) click adds to the selection.
      multiSelectionKeyCode={MULTI_SELECT_KEYS}
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      edgesReconnectable={!readOnly}
      onNodeClick={menus.onNodeClick}
      onEdgeClick={menus.onEdgeClick}
      onNodeContextMenu={menus.onNodeContextMenu}
      onEdgeContextMenu={menus.onEdgeContextMenu}
      onPaneContextMenu={menus.onPaneContextMenu}
      onMouseDownCapture={menus.onMouseDownCapture}
      onConnectEnd={saysWhyNot}
      onReconnectEnd={reconnectSaysWhyNot}
      onPaneClick={onPaneClick}
      onDoubleClick={onDoubleClick}
      zoomOnDoubleClick={false}
      connectionMode={ConnectionMode.Strict}
      connectionRadius={40}
      reconnectRadius={24}
      deleteKeyCode={readOnly ? null : DELETE_KEYS}
      colorMode={theme}
      // A large plan is fitted from its records when it opens (above): React Flow's own fit,
      // queued until cards mount, would later fit the few mounted ones.
      fitView={fitOnOpen ?? !large}
      // Below OVERVIEW_LAYER_BELOW a large graph is drawn by the overview layer, so it may be
      // zoomed out until the whole plan fits.
      minZoom={minZoom}
      proOptions={PRO_OPTIONS}
    >
      <CanvasBackground large={large} />
      {large && (
        <OverviewLayer
          nodes={view.nodes}
          edges={view.edges}
          outline={opening.outline}
          theme={theme}
          hitRef={overviewHit}
          mode={overviewMode}
          kept={visible.kept}
        />
      )}
      {/* Zoomed out, cards show their status colour and display id in readable text
          (level-of-detail.ts); large graphs also drop link labels and arrowheads. Image
          exports are drawn from the data, not from here. */}
      <LevelOfDetail simpleEdges={large} />
      {/* React Flow's MiniMap sees only what it was handed, so a large graph draws every
          record itself, into a canvas (WholeGraphMiniMap; docs/canvas-performance.md). */}
      {large ? (
        <WholeGraphMiniMap records={view.records} outline={opening.outline} theme={theme} />
      ) : (
        <MiniMap
          pannable
          zoomable
          ariaLabel="Minimap"
          nodeColor={(n) => STATUS_COLOURS[(n as LinkgraphFlowNode).data.record.status] ?? '#999'}
        />
      )}
      {opening.outline && <OutlineNotice count={opening.outline.count} />}
      {/* The zoom indicator; its fit button fits the records, not only the mounted cards. */}
      <ZoomControls records={view.records} />
      <KeyboardLayer />
      <CanvasMenus />
      <GroupsPanel />
    </ReactFlow>
  );
}

function rectOf(b: ReturnType<typeof graphBounds>) {
  return b ? { minX: b.x, minY: b.y, maxX: b.x + b.width, maxY: b.y + b.height } : null;
}
