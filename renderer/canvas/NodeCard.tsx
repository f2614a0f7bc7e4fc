import { memo, type CSSProperties } from 'react';
import { Handle, Position, useStore, type NodeProps } from '@xyflow/react';
import { CardPlan } from '../plan/CardPlan';
import { lateBy, onCriticalPath, usePlanStore } from '../plan/plan-store';
import { GroupControl } from '../groups/GroupControl';
import { STATUS_NAMES, type LinkgraphFlowNode } from './flow-elements';
import { seekingHandle } from './seeking-handle';

/**
 * One node on the canvas: display id, kind, title and a status colour. While a link is being
 * drawn (or an edge end dragged), a handle of the kind the gesture is looking for covers the
 * whole card, so a drop anywhere on the node connects (React Flow's "easy connect" pattern)
 * instead of only within a few pixels of a small handle. It is a separate handle, so the
 * edges already attached to the card stay where they are during the drag.
 */
export const NodeCard = memo(function NodeCard({ data, selected }: NodeProps<LinkgraphFlowNode>) {
  const { record, flashing } = data;
  const seeking = useStore(seekingHandle);
  const classes = ['lg-node', `lg-node--status-${record.status}`];
  if (flashing) classes.push('lg-node--flash');
  if (selected) classes.push('lg-node--selected');
  if (data.group?.collapsed) classes.push('lg-node--group');
  // Planning marks from the last schedule (renderer/plan): late, and on the critical path.
  const late = usePlanStore(lateBy(record.id));
  const critical = usePlanStore(onCriticalPath(record.id));
  if (late !== undefined) classes.push('lg-node--late');
  if (critical) classes.push('lg-node--critical');
  return (
    // Its accessible name is on React Flow's node element (ariaLabel, accessible-names.ts).
    <div
      className={classes.join(' ')}
      data-status={record.status}
      // Zoomed out, CSS draws these in large type, the id sized by its length (styles.css).
      data-display-id={record.display_id}
      data-title={record.title || 'Untitled'}
      style={{ '--lg-id-chars': record.display_id.length } as CSSProperties}
    >
      <Handle
        type="target"
        position={Position.Left}
        className="lg-handle lg-handle--target"
        isConnectableStart={false}
      />
      <div className="lg-node__meta">
        <span className="lg-node__display-id">{record.display_id}</span>
        <span className="lg-node__kind">{record.kind.replace('_', ' ')}</span>
      </div>
      <div className="lg-node__title">{record.title || 'Untitled'}</div>
      <div className="lg-node__status">{STATUS_NAMES[record.status]}</div>
      <CardPlan record={record} late={late} />
      {data.group && <GroupControl id={record.id} name={record.display_id} group={data.group} />}
      <Handle type="source" position={Position.Right} className="lg-handle lg-handle--source" />
      {seeking && (
        <Handle
          id="drop"
          type={seeking}
          position={seeking === 'target' ? Position.Left : Position.Right}
          className="lg-handle-cover"
          isConnectableStart={false}
        />
      )}
    </div>
  );
});
