/** Viewport virtualisation for the canvas: see useVirtualFlow.ts for how to plug it in. */
export { useVirtualFlow, rectToBox } from './useVirtualFlow';
export type { VirtualFlow, VirtualFlowOptions } from './useVirtualFlow';
export { FlowIndex } from './flow-sync';
export type { FlowSubset } from './flow-sync';
export { GraphIndex } from './graph-index';
export type { GraphIndexOptions, IndexEdge, IndexNode, ViewResult } from './graph-index';
export { DEFAULT_NODE_SIZE, type Rect } from './geometry';
export {
  DEFAULT_SNAP,
  KEEP_AREA_RATIO,
  keepsWindow,
  queryWindow,
  visibleFlowRect,
} from './viewport';
export type { QueryWindow, SnapOptions, ViewportState } from './viewport';
export {
  clippedBezierPath,
  keptClipPath,
  useClippedBezierPath,
  useKeptLinksClip,
} from './edge-clip';
export type { ClippedPath } from './edge-clip';
