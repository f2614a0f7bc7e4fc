/**
 * Zoomed-out levels of detail. Below FAR_BELOW (where the cards' text would be under ~10 px
 * on screen) a card is filled with its status colour and shows its display id and title in
 * text scaled up against the zoom, so they stay readable (≥ 12 and 11 px on screen); below
 * OVERVIEW_BELOW only the display id, as large as the card allows (styles.css, `[data-lod]`).
 * Large graphs also drop link labels and arrowheads there: without GPU raster the text and
 * decorations of every card on screen were most of a zoom frame's cost
 * (docs/canvas-performance.md). The switch is a data attribute on React Flow's root element,
 * set from a store subscription: no React component re-renders when it flips, and card sizes
 * do not change (hidden parts keep their space), so React Flow measures nothing again.
 */
import { FAR_ID } from '../../shared/ui-constants';

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
/** Set (to "simple") on large graphs, whose links lose labels and arrowheads when zoomed out. */
export const EDGES_ATTRIBUTE = 'data-lod-edges';
/** The CSS variable zoomed-out text is scaled by (styles.css). */
export const SCALE_VARIABLE = '--lg-lod-scale';

/** Zoom steps of the text scale per halving of the zoom (a quarter octave: ≈19% apart). */
const SCALE_STEPS_PER_OCTAVE = 4;
/** The text scale stops growing here (zoom 1/16): below, a card is too small for any text. */
const MAX_TEXT_SCALE = 16;

/**
 * How much zoomed-out text is scaled up, so it keeps its size on screen: 1/zoom, with the zoom
 * rounded DOWN to a quarter-octave step. Text of `s` px is then between s and s·2^¼ (1.19×)
 * on screen, and the variable changes — restyling the cards — only when the zoom crosses a
 * step, not on every zoom frame. 1 from zoom 1 up.
 */
export function textScale(zoom: number): number {
  if (!(zoom > 0) || zoom >= 1) return 1;
  const step = Math.floor(Math.log2(zoom) * SCALE_STEPS_PER_OCTAVE) / SCALE_STEPS_PER_OCTAVE;
  return Math.min(MAX_TEXT_SCALE, 2 ** -step);
}

/**
 * A zoomed-out card's display id on screen, in CSS px, for an id of `chars` characters at
 * `zoom`: styles.css `--lg-far-id` (in flow px, scaled by the zoom), so the overview layer
 * writes its ids in the very size the cards then show.
 */
export function farIdPx(zoom: number, chars: number): number {
  return zoom * Math.min(FAR_ID.px * textScale(zoom), FAR_ID.linePx / Math.max(chars, 1));
}
