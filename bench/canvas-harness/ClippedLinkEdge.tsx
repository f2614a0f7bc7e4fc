/**
 * renderer/canvas/LinkEdge.tsx with one change: the path comes from useClippedBezierPath, so
 * only the on-screen piece of a long edge is drawn (and the arrow only when its end is). Kept
 * here, not in the app, until the lead adopts it; the `virtual+clip` variant measures it.
 */
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, type EdgeProps } from '@xyflow/react';
import type { LinkgraphFlowEdge } from '../../renderer/canvas/flow-elements';
import { useClippedBezierPath } from '../../renderer/canvas/virtualization';

export const ClippedLinkEdge = memo(function ClippedLinkEdge(props: EdgeProps<LinkgraphFlowEdge>) {
  const { id, data, selected, markerEnd } = props;
  const { path, labelX, labelY, clippedEnd } = useClippedBezierPath(props);
  const record = data?.record;
  const primary = record?.type === 0;
  const classes = ['lg-edge', primary ? 'lg-edge--primary' : 'lg-edge--secondary'];
  if (record?.private) classes.push('lg-edge--private');
  if (selected) classes.push('lg-edge--selected');
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={classes.join(' ')}
        markerEnd={clippedEnd ? undefined : markerEnd}
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
