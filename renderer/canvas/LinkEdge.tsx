import { memo, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import {
  BaseEdge,
  getBezierPath,
  useStore,
  type EdgeProps,
  type ReactFlowState,
} from '@xyflow/react';
import { useRoutedPath } from '../layout/route-path';
import { linkOnCriticalPath, usePlanStore } from '../plan/plan-store';
import type { LinkgraphFlowEdge } from './flow-elements';
import { DEFAULT_SNAP, useClippedBezierPath, type SnapOptions } from './virtualization';

// React Flow's <EdgeLabelRenderer> finds its container with a querySelector in a store
// selector, which every mounted edge ran on every pan and zoom frame (~300 a frame on a large
// graph). The same portal, with the lookup done once per canvas element.
let labelHost: HTMLElement | null = null;
let labelLayer: HTMLElement | null = null;
const labelLayerSelector = (s: ReactFlowState): HTMLElement | null => {
  if (s.domNode !== labelHost || !labelLayer?.isConnected) {
    labelHost = s.domNode;
    labelLayer = s.domNode?.querySelector<HTMLElement>('.react-flow__edgelabel-renderer') ?? null;
  }
  return labelLayer;
};

function EdgeLabel({ children }: { children: ReactNode }) {
  const layer = useStore(labelLayerSelector);
  return layer ? createPortal(children, layer) : null;
}

/**
 * A link: primary (blocking) links are heavy and dark, secondary ones thin and light (solid:
 * a dash pattern is laid along the whole path on every repaint, which on a large graph cost
 * more than the cards); links blocking right now are red; private links carry a lock beside
 * their type's name; a primary link says which end waits on the other ("TASK-2 waits").
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
  const critical = usePlanStore(linkOnCriticalPath(id));
  const classes = ['lg-edge', primary ? 'lg-edge--primary' : 'lg-edge--secondary'];
  if (record?.private) classes.push('lg-edge--private');
  if (data?.blocking) classes.push('lg-edge--blocking');
  if (selected) classes.push('lg-edge--selected');
  if (critical) classes.push('lg-edge--critical');
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={classes.join(' ')}
        markerEnd={arrow ? markerEnd : undefined}
        interactionWidth={24}
      />
      <EdgeLabel>
        <div
          className={`lg-edge-label nodrag nopan${primary ? ' lg-edge-label--primary' : ' lg-edge-label--secondary'}${selected ? ' lg-edge-label--selected' : ''}`}
          // Just above the curve's middle, so it never sits on the line where the link's
          // ends (and the cards' handles) are.
          style={{
            transform: `translate(-50%, calc(-100% - 7px)) translate(${labelX}px, ${labelY}px)`,
          }}
          data-edge-label={id}
        >
          <span className="lg-edge-label__name">
            {record?.private && (
              <span className="lg-lock" role="img" aria-label="private">
                🔒
              </span>
            )}
            {data?.label}
          </span>
          {data?.waits && (
            <span className="lg-edge-label__waits" data-waits={data.waits}>
              {data.waits} waits
            </span>
          )}
        </div>
      </EdgeLabel>
    </>
  );
}

/** The whole edge: what small graphs use, so an image export shows every edge in full. */
export const LinkEdge = memo(function LinkEdge(props: EdgeProps<LinkgraphFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath(props);
  // A layout's orthogonal route while its cards stay where the layout put them (docs/editor.md).
  const routed = useRoutedPath(props);
  if (routed) return <EdgeBody props={props} {...routed} arrow />;
  return <EdgeBody props={props} path={path} labelX={labelX} labelY={labelY} arrow />;
});

/**
 * For virtualised (large) graphs: only the on-screen piece of a long edge is drawn, and its
 * arrow only when the target end is on that piece (docs/canvas-performance.md). `snap` must
 * be the one given to useVirtualFlow (the benchmark varies it).
 */
export function makeClippedLinkEdge(snap: SnapOptions = DEFAULT_SNAP) {
  return memo(function ClippedLinkEdge(props: EdgeProps<LinkgraphFlowEdge>) {
    const { path, labelX, labelY, clippedEnd } = useClippedBezierPath(props, snap);
    const routed = useRoutedPath(props);
    if (routed) return <EdgeBody props={props} {...routed} arrow />;
    return (
      <EdgeBody props={props} path={path} labelX={labelX} labelY={labelY} arrow={!clippedEnd} />
    );
  });
}

export const ClippedLinkEdge = makeClippedLinkEdge();
