import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import type { LinkgraphFlowEdge } from './flow-elements';

/**
 * A link: primary (blocking) links are solid and heavy, secondary ones dashed; private links
 * carry a lock beside their type's name.
 */
export const LinkEdge = memo(function LinkEdge(props: EdgeProps<LinkgraphFlowEdge>) {
  const {
    id,
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    data,
    selected,
    markerEnd,
  } = props;
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  const record = data?.record;
  const primary = record?.type === 0;
  const classes = ['lg-edge', primary ? 'lg-edge--primary' : 'lg-edge--secondary'];
  if (record?.private) classes.push('lg-edge--private');
  if (data?.blocking) classes.push('lg-edge--blocking');
  if (selected) classes.push('lg-edge--selected');
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={classes.join(' ')}
        markerEnd={markerEnd}
        interactionWidth={24}
      />
      <EdgeLabelRenderer>
        <div
          className={`lg-edge-label nodrag nopan${primary ? ' lg-edge-label--primary' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          data-edge-label={id}
        >
          {record?.private && (
            <span className="lg-lock" role="img" aria-label="private">
              🔒
            </span>
          )}
          {data?.label}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});
