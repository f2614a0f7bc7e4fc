/**
 * The canvas's React Flow instance and store, for key handlers that run outside React (the
 * window's keydown listener). Registered by KeyboardLayer, a child of <ReactFlow>.
 */
import type { ReactFlowInstance, useStoreApi } from '@xyflow/react';
import type { LinkgraphFlowEdge, LinkgraphFlowNode } from '../canvas/flow-elements';

export interface CanvasHandle {
  flow: ReactFlowInstance<LinkgraphFlowNode, LinkgraphFlowEdge>;
  store: ReturnType<typeof useStoreApi<LinkgraphFlowNode, LinkgraphFlowEdge>>;
}

let handle: CanvasHandle | null = null;

export function setCanvasHandle(next: CanvasHandle | null): void {
  handle = next;
}

export function canvasHandle(): CanvasHandle | null {
  return handle;
}
