/**
 * Keeps the editor's selection (editor-store) and the canvas's in step: React Flow's selection
 * is published for the selection bar and the shortcuts, and nodes a paste, duplicate or add
 * just made are selected as soon as they are on the canvas.
 */
import { useCallback, useEffect } from 'react';
import type { OnSelectionChangeFunc } from '@xyflow/react';
import { useEditorStore } from '../state/editor-store';
import type { LinkgraphFlowEdge, LinkgraphFlowNode } from './flow-elements';

export function useEditorSelection(
  nodes: readonly LinkgraphFlowNode[],
  setNodes: (update: (current: LinkgraphFlowNode[]) => LinkgraphFlowNode[]) => void,
  setEdges: (update: (current: LinkgraphFlowEdge[]) => LinkgraphFlowEdge[]) => void,
): OnSelectionChangeFunc<LinkgraphFlowNode, LinkgraphFlowEdge> {
  const pending = useEditorStore((s) => s.pendingSelection);
  useEffect(() => {
    if (!pending) return;
    const wanted = new Set(pending);
    let present = 0;
    for (const n of nodes) if (wanted.has(n.id)) present++;
    if (present < wanted.size) return; // not all on the canvas yet: the next render will do
    useEditorStore.getState().clearPending();
    setNodes((all) =>
      all.map((n) => (n.selected === wanted.has(n.id) ? n : { ...n, selected: wanted.has(n.id) })),
    );
    setEdges((all) => all.map((e) => (e.selected ? { ...e, selected: false } : e)));
    useEditorStore.getState().setSelection(pending, []);
  }, [pending, nodes, setNodes, setEdges]);

  return useCallback(({ nodes: n, edges: e }) => {
    useEditorStore.getState().setSelection(
      n.map((x) => x.id),
      e.map((x) => x.id),
    );
  }, []);
}
