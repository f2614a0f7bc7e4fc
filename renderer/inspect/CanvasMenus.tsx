/**
 * Right-click menus on nodes, links and the canvas, the "link from here…" gesture, and the
 * chooser shown when several links end at the handle a person grabs. Every action is one
 * service command; a refusal is a toast in words.
 */
import { useCallback, useEffect, type MouseEvent as ReactMouseEvent } from 'react';
import { useReactFlow, type Edge, type Node } from '@xyflow/react';
import type { NodeStatus } from '../../shared/model/types';
import { command } from '../app/commands';
import { linkName, nodeName } from '../app/describe-error';
import { STATUS_NAMES } from '../canvas/flow-elements';
import { newLinkParams } from '../canvas/link-params';
import { activeLinks, useGraphStore } from '../state/graph-store';
import { useUiStore } from '../state/ui-store';
import { ContextMenu, type MenuItem } from './ContextMenu';
import { nodeGroupItems, paneGroupItems } from '../groups/group-menu';
import { useMenuStore, type MenuTarget } from './menu-store';

const HAND_STATUSES: NodeStatus[] = [0, 1, 3];

/**
 * The click that follows a press the chooser took over must not select the link drawn on
 * top (React Flow would): the person has not chosen yet.
 */
function swallowNextClick(): void {
  const stop = (event: MouseEvent) => {
    event.stopPropagation();
    event.preventDefault();
  };
  window.addEventListener('click', stop, { capture: true, once: true });
  // A press released elsewhere makes no click: never swallow a later one.
  setTimeout(() => window.removeEventListener('click', stop, { capture: true }), 500);
}

/** Handlers the canvas passes to React Flow. */
export function useCanvasMenuHandlers() {
  const flow = useReactFlow();
  const openMenu = useMenuStore((s) => s.openMenu);
  const select = useUiStore((s) => s.select);
  const selectLink = useUiStore((s) => s.selectLink);

  const onNodeContextMenu = useCallback(
    (event: ReactMouseEvent, node: Node) => {
      event.preventDefault();
      openMenu({ target: { kind: 'node', id: node.id }, x: event.clientX, y: event.clientY });
    },
    [openMenu],
  );
  const onEdgeContextMenu = useCallback(
    (event: ReactMouseEvent, edge: Edge) => {
      event.preventDefault();
      openMenu({ target: { kind: 'link', id: edge.id }, x: event.clientX, y: event.clientY });
    },
    [openMenu],
  );
  const onPaneContextMenu = useCallback(
    (event: ReactMouseEvent | MouseEvent) => {
      event.preventDefault();
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      openMenu({
        target: { kind: 'pane', flow: { x: Math.round(at.x), y: Math.round(at.y) } },
        x: event.clientX,
        y: event.clientY,
      });
    },
    [flow, openMenu],
  );
  /** A click on a node inspects it, or ends a "link from here…" gesture on it. */
  const onNodeClick = useCallback(
    (_event: ReactMouseEvent, node: Node) => {
      const { linkFrom, setLinkFrom } = useMenuStore.getState();
      if (!linkFrom) return select(node.id);
      setLinkFrom(null);
      const params = newLinkParams(linkFrom, node.id);
      void command('link.create', params, { draw: params });
    },
    [select],
  );
  const onEdgeClick = useCallback(
    (_event: ReactMouseEvent, edge: Edge) => selectLink(edge.id),
    [selectLink],
  );

  /**
   * Several links meeting at one handle have their ends on one spot, and React Flow would
   * move whichever is drawn last. Unless the link grabbed is the selected one (drawn on top),
   * a chooser asks which link's end to move; choosing selects it, and the next drag moves it.
   */
  const onMouseDownCapture = useCallback(
    (event: ReactMouseEvent) => {
      const anchor = (event.target as Element).closest?.('.react-flow__edgeupdater');
      const edgeId = anchor?.closest('.react-flow__edge')?.getAttribute('data-id');
      if (!anchor || !edgeId || flow.getEdge(edgeId)?.selected) return;
      const { links, nodes } = useGraphStore.getState();
      const grabbed = links.get(edgeId);
      if (!grabbed) return;
      const end = anchor.classList.contains('react-flow__edgeupdater-source') ? 'source' : 'target';
      const sharing = activeLinks(links, nodes).filter((l) => l[end] === grabbed[end]);
      if (sharing.length < 2) return;
      event.preventDefault();
      event.stopPropagation();
      swallowNextClick();
      openMenu({
        target: { kind: 'ends', links: sharing.map((l) => l.id) },
        x: event.clientX,
        y: event.clientY,
      });
    },
    [flow, openMenu],
  );

  return {
    onNodeContextMenu,
    onEdgeContextMenu,
    onPaneContextMenu,
    onNodeClick,
    onEdgeClick,
    onMouseDownCapture,
  };
}

/** The open menu and the "link from here…" banner (rendered inside the canvas). */
export function CanvasMenus() {
  const menu = useMenuStore((s) => s.menu);
  const closeMenu = useMenuStore((s) => s.closeMenu);
  const linkFrom = useMenuStore((s) => s.linkFrom);
  const setLinkFrom = useMenuStore((s) => s.setLinkFrom);
  const fromName = useGraphStore((s) => (linkFrom ? nodeName(s, linkFrom) : undefined));
  const flow = useReactFlow();

  useEffect(() => {
    if (!linkFrom) return;
    const escape = (event: KeyboardEvent) => event.key === 'Escape' && setLinkFrom(null);
    document.addEventListener('keydown', escape);
    return () => document.removeEventListener('keydown', escape);
  }, [linkFrom, setLinkFrom]);

  return (
    <>
      {linkFrom && (
        <div role="status" className="lg-banner">
          Click the node to link {fromName} to. Escape cancels.
          <button type="button" onClick={() => setLinkFrom(null)}>
            Cancel
          </button>
        </div>
      )}
      {menu && (
        <ContextMenu
          label={menuLabel(menu.target)}
          x={menu.x}
          y={menu.y}
          items={menuItems(menu.target, flow)}
          onClose={closeMenu}
        />
      )}
    </>
  );
}

function menuLabel(target: MenuTarget): string {
  const graph = useGraphStore.getState();
  switch (target.kind) {
    case 'node':
      return `Node ${nodeName(graph, target.id) ?? ''}`.trim();
    case 'link': {
      const link = graph.links.get(target.id);
      return link ? `Link ${linkName(graph, link)}` : 'Link';
    }
    case 'pane':
      return 'Canvas';
    case 'ends':
      return 'Which link’s end?';
  }
}

function menuItems(target: MenuTarget, flow: ReturnType<typeof useReactFlow>): MenuItem[] {
  const graph = useGraphStore.getState();
  const ui = useUiStore.getState();
  const menus = useMenuStore.getState();
  switch (target.kind) {
    case 'node': {
      const node = graph.nodes.get(target.id);
      if (!node) return [];
      const id = node.id;
      return [
        { label: 'Open inspector', run: () => ui.select(id) },
        ...HAND_STATUSES.filter((s) => s !== node.status).map((status) => ({
          label: `Mark ${STATUS_NAMES[status]}`,
          run: () => void command('node.update', { id, status }, id),
        })),
        { label: 'Link from here…', run: () => menus.setLinkFrom(id) },
        ...nodeGroupItems(id),
        {
          label: 'Move to trash',
          danger: true,
          run: () =>
            void command('node.trash', { id }, id).then((b) => {
              if (b && ui.selectedNode === id) ui.select(null);
            }),
        },
      ];
    }
    case 'link': {
      const link = graph.links.get(target.id);
      if (!link) return [];
      const id = link.id;
      const about = { link: id };
      const end = (nodeId: string) => graph.nodes.get(nodeId)?.display_id ?? 'end';
      return [
        { label: 'Open inspector', run: () => ui.selectLink(id) },
        { label: 'Swap direction', run: () => void command('link.swap', { id }, about) },
        link.type === 0
          ? {
              label: 'Make non-blocking (secondary)',
              run: () => void command('link.update', { id, type: 1 }, about),
            }
          : {
              label: 'Make blocking (primary)',
              run: () => void command('link.update', { id, type: 0 }, about),
            },
        {
          label: link.private ? 'Make public' : 'Make private',
          run: () => void command('link.update', { id, private: !link.private }, about),
        },
        { label: `Open ${end(link.source)}`, run: () => ui.select(link.source) },
        { label: `Open ${end(link.target)}`, run: () => ui.select(link.target) },
        {
          label: 'Move to trash',
          danger: true,
          run: () =>
            void command('link.trash', { id }, about).then((b) => {
              if (b && ui.selectedLink === id) ui.selectLink(null);
            }),
        },
      ];
    }
    case 'pane':
      return [
        {
          label: 'Add node here',
          run: () =>
            void command('node.create', { title: 'New task', position: target.flow }).then(
              (batch) => {
                const made = batch?.nodes[0]?.after;
                if (made && 'id' in made) ui.select(made.id);
              },
            ),
        },
        { label: 'Fit view', run: () => void flow.fitView({ duration: 300 }) },
        ...paneGroupItems(),
      ];
    case 'ends':
      return target.links.flatMap((id) => {
        const link = graph.links.get(id);
        if (!link) return [];
        return [
          {
            label: linkName(graph, link),
            run: () => {
              flow.setEdges((all) => all.map((e) => ({ ...e, selected: e.id === id })));
              ui.selectLink(id);
              ui.toast('info', `${link.display_id} is selected: drag its end now.`);
            },
          },
        ];
      });
  }
}
