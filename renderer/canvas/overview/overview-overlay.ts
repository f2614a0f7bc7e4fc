/**
 * What the overview layer (OverviewLayer.tsx) draws over its cached bitmap each frame: the
 * display ids of the nodes in view once a card is wide enough, and the rings of the
 * selection, the current hit and flashing nodes.
 */
import { STATUS_INK } from '../../../shared/ui-constants';
import type { Rect } from '../virtualization/geometry';
import { farIdPx } from '../level-of-detail';
import { drawnHeight, type OverviewColours } from './overview-draw';
import { CARD_W, MARK, type OverviewIndex, type OverviewNodeInput } from './overview-index';

/**
 * From this card width on screen (CSS px) the layer writes each card's display id, as the DOM
 * cards do just above the hand-over zoom: the ids do not vanish when the layer takes over.
 * Only the nodes in view, once per frame (a few hundred fillText calls at most there).
 */
const LABEL_FROM_PX = 40;
/** Smaller ids are not written (a card is then a few pixels high). */
const LABEL_MIN_PX = 8;

/** The display ids of the nodes in view, once a card is wide enough to hold one. */
export function drawLabels(
  ctx: CanvasRenderingContext2D,
  index: OverviewIndex | null,
  nodes: readonly OverviewNodeInput[],
  view: Rect,
  zoom: number,
  dpr: number,
  /** The text colour of the cards' full look (overview-draw.ts `Frame.near`), when drawn so. */
  nearInk?: string,
): void {
  const cardPx = CARD_W * zoom;
  let drawn = 0;
  const done = () => {
    // How many ids the last frame wrote (e2e reads it; the pixels are a bitmap).
    ctx.canvas.dataset.labels = String(drawn);
  };
  if (!index || cardPx < LABEL_FROM_PX) return done();
  const k = zoom * dpr;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  let font = 0;
  for (const i of index.nodesIn(view)) {
    const label = nodes[i]?.data.record.display_id;
    if (!label) continue;
    // The size the zoomed-out cards give it (styles.css), so nothing jumps at the hand-over.
    const px = farIdPx(zoom, label.length);
    if (px < LABEL_MIN_PX) continue;
    const size = Math.round(px * dpr);
    if (size !== font) {
      font = size;
      ctx.font = `700 ${size}px system-ui, sans-serif`;
    }
    // In the status's ink (≥ 4.5:1 on its fill), or the card's text colour on the full look's
    // card background; faded with a dimmed box; centred.
    ctx.fillStyle = nearInk ?? STATUS_INK[index.status[i] as 0 | 1 | 2 | 3] ?? STATUS_INK[0];
    ctx.globalAlpha = index.marks[i]! & MARK.dim ? 0.35 : 1;
    const x = (index.xs[i]! + CARD_W / 2 - view.minX) * k;
    const y = (index.ys[i]! + drawnHeight(index, i, k) / 2 - view.minY) * k;
    ctx.fillText(label, x, y);
    drawn++;
  }
  ctx.globalAlpha = 1;
  done();
}

/** The selection, the current hit and flashing nodes, over the cached layer. */
export function drawMarks(
  ctx: CanvasRenderingContext2D,
  index: OverviewIndex | null,
  colours: OverviewColours | null,
  view: Rect,
  k: number,
): void {
  if (!index || !colours || index.overlay.length === 0) return;
  for (const i of index.overlay) {
    const m = index.marks[i]!;
    const x = (index.xs[i]! - view.minX) * k;
    const y = (index.ys[i]! - view.minY) * k;
    const cw = CARD_W * k;
    const ch = drawnHeight(index, i, k) * k;
    // At least 8 device px, so a mark shows at fit-all where a card is a pixel or two.
    const hw = Math.max(cw, 8) / 2;
    const hh = Math.max(ch, 8) / 2;
    const cx = x + cw / 2;
    const cy = y + ch / 2;
    const ring = (colour: string, width: number, out: number) => {
      ctx.strokeStyle = colour;
      ctx.lineWidth = width;
      ctx.strokeRect(cx - hw - out, cy - hh - out, 2 * (hw + out), 2 * (hh + out));
    };
    if (m & MARK.flash) ring(colours.flash, 4, 3);
    if (m & MARK.current) ring(colours.current, 3, 2);
    if (m & MARK.selected) ring(colours.selected, 2, 1);
  }
}
