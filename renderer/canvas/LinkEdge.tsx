import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import type { LinkgraphFlowEdge } from './flow-elements';
import { useClippedBezierPath } from './virtualization';

/**
 * A link: primary (blocking) links are heavy and dark, secondary ones thin and light (solid:
 * a dash pattern is laid along the whole path on every repaint, which on a large graph cost
 * more than the cards); links blocking right now are red; private links carry a lock beside
 * their type's name.
 */
function EdgeBody({
  props,
  path,
  labelX,
  labelY,
  arrow,
}: {
  props: EdgeProps<LinkgraphFlowEdge>;
  path: string;
  labelX: number;
  labelY: number;
  arrow: boolean;
}) {
  const { id, data, selected, markerEnd } = props;
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
        markerEnd={arrow ? markerEnd : undefined}
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
}

/** The whole edge: what small graphs use, so an image export shows every edge in full. */
export const LinkEdge = memo(function LinkEdge(props: EdgeProps<LinkgraphFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath(props);
  return <EdgeBody props={props} path={path} labelX={labelX} labelY={labelY} arrow />;
});

/**
 * For virtualised (large) graphs: only the on-screen piece of a long edge is drawn, and its
 * arrow only when the target end is on that piece (docs/canvas-performance.md).
 */
export const ClippedLinkEdge = memo(function ClippedLinkEdge(props: EdgeProps<LinkgraphFlowEdge>) {
  const { path, labelX, labelY, clippedEnd } = useClippedBezierPath(props);
  return <EdgeBody props={props} path={path} labelX={labelX} labelY={labelY} arrow={!clippedEnd} />;
});
