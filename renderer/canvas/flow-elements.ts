/**
 * Maps the service's records to React Flow's nodes and edges. Kept pure so it can be
 * unit-tested and memoised by the canvas.
 */
import type { Edge, Node } from '@xyflow/react';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';

export const STATUS_NAMES = ['Available', 'In progress', 'Blocked', 'Completed'] as const;

export type LinkgraphNodeData = { record: NodeRecord };
export type LinkgraphFlowNode = Node<LinkgraphNodeData, 'linkgraph'>;

export function toFlowNodes(nodes: readonly NodeRecord[]): LinkgraphFlowNode[] {
  return nodes.map((record) => ({
    id: record.id,
    type: 'linkgraph',
    position: record.position,
    data: { record },
  }));
}

export function toFlowEdges(links: readonly LinkRecord[]): Edge[] {
  return links.map((link) => ({
    id: link.id,
    source: link.source,
    target: link.target,
    className: link.type === 0 ? 'lg-edge lg-edge--primary' : 'lg-edge lg-edge--secondary',
    animated: link.type === 0,
    label: link.link_type ? link.link_type.replace(/_/g, ' ') : undefined,
  }));
}
