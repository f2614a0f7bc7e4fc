import { Background } from '@xyflow/react';

/**
 * The canvas's dotted grid, left out on large (virtualised) graphs: React Flow redraws its
 * screen-wide SVG pattern on every pan and zoom frame, and without GPU raster that cost about
 * a quarter of the frame rate at 10,000 nodes (docs/canvas-performance.md).
 */
export function CanvasBackground({ large }: { large: boolean }) {
  return large ? null : <Background />;
}
