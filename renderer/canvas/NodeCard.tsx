import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { STATUS_NAMES, type LinkgraphFlowNode } from './flow-elements';

/** One node on the canvas: title, display id, kind and a status colour. */
export const NodeCard = memo(function NodeCard({ data }: NodeProps<LinkgraphFlowNode>) {
  const { record } = data;
  const status = STATUS_NAMES[record.status];
  return (
    <div className={`lg-node lg-node--status-${record.status}`} data-status={record.status}>
      <Handle type="target" position={Position.Left} />
      <div className="lg-node__meta">
        <span className="lg-node__display-id">{record.display_id}</span>
        <span className="lg-node__kind">{record.kind.replace('_', ' ')}</span>
      </div>
      <div className="lg-node__title">{record.title}</div>
      <div className="lg-node__status">{status}</div>
      <Handle type="source" position={Position.Right} />
    </div>
  );
});
