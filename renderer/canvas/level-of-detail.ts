/**
 * Zoomed-out levels of detail. Below FAR_BELOW the canvas draws a simpler look — title only,
 * square cards, no link labels or arrowheads — and below OVERVIEW_BELOW (where a title would
 * be under 6 px) no text at all (styles.css, `[data-lod]`): without GPU raster the text and
 * decorations of every card on screen were most of a zoom frame's cost
 * (docs/canvas-performance.md). The switch is a data attribute on React Flow's root element,
 * set from a store subscription: no React component re-renders when it flips, and card sizes
 * do not change (hidden parts keep their space), so React Flow measures nothing again.
 */
export type DetailLevel = 'near' | 'far' | 'overview';

/** Zoom below which the far look is used (secondary text would be under ~8 px). */
export const FAR_BELOW = 0.75;
/** Zoom below which cards show no text at all. */
export const OVERVIEW_BELOW = 0.45;

export function detailLevel(
  zoom: number,
  farBelow: number = FAR_BELOW,
  overviewBelow: number = OVERVIEW_BELOW,
): DetailLevel {
  if (zoom < overviewBelow) return 'overview';
  return zoom < farBelow ? 'far' : 'near';
}

/** The attribute LevelOfDetail sets on React Flow's `.react-flow` element. */
export const DETAIL_ATTRIBUTE = 'data-lod';
