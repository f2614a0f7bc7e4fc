/**
 * Above this many nodes shown, the canvas virtualises its viewport and draws the plan with the
 * overview layer when zoomed out (GraphCanvas.tsx); a plan's outline is drawn only then
 * (renderer/state/outline-store.ts).
 */
export const VIRTUALIZE_ABOVE = 400;
