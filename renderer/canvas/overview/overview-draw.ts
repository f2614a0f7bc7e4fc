/**
 * Drawing the overview layer: nodes as boxes at their cards' places, in the cards' colours, and
 * links as the cards' curves (few nodes on screen) or only the blocking ones over the nodes
 * (many). One painter (`paintNode`) decides every box, so a whole-layer raster (plain writes
 * into an ImageData: 100,000 boxes in a few ms, where canvas calls cost far more) and a
 * one-node patch (canvas fillRect on the same rounded device pixels) draw the same pixels.
 *
 * Device pixels: a flow point (x, y) is at ((x - ox) * k, (y - oy) * k) in the target.
 */
import { CARD_H, CARD_W, LINK, MARK, type OverviewIndex } from './overview-index';
import { TALL_FROM_K } from './overview-heights';

export interface Frame {
  ox: number;
  oy: number;
  /** Device pixels per flow unit (zoom × devicePixelRatio). */
  k: number;
  /**
   * The cards' full look (zoom ≥ FAR_BELOW): a box in the card's background with its status
   * stripe and border, as the DOM card looks there, rather than a status-colour box. The layer
   * draws at that zoom only under cards: while a zoom moves (the view grown past the cards
   * kept) and while cards are handed over (overview-mode.ts).
   */
  near?: boolean;
}

/** A colour as a packed ImageData pixel and as CSS. */
export interface Colour {
  px: number;
  css: string;
}

export interface OverviewColours {
  status: readonly Colour[];
  /** Status colours faded into the background (dimmed by a focus or chain). */
  statusDim: readonly Colour[];
  match: Colour;
  chain: Colour;
  linkPrimary: string;
  linkSecondary: string;
  linkBlocking: string;
  linkChain: string;
  current: string;
  selected: string;
  flash: string;
  /** The near look (`Frame.near`): a card's background, a Blocked card's, its border, its text. */
  card: Colour;
  blockedCard: Colour;
  cardBorder: Colour;
  ink: string;
}

/** The DOM card's status stripe (styles.css `.lg-node` border-left), in flow units. */
const STRIPE = 6;

/** Node i's box height at device scale k: its card's once a title line shows (TALL_FROM_K). */
export const drawnHeight = (index: OverviewIndex, i: number, k: number): number =>
  k >= TALL_FROM_K ? index.heightOf(i) : CARD_H;

/** Card width in device pixels from which links are drawn as the cards' curves. */
export const CARD_LOOK_FROM = 24;
/** Nodes in a layer above which links other than blocking ones are left out. */
export const FEW_NODES = 4000;

type Fill = (x0: number, y0: number, x1: number, y1: number, c: Colour) => void;

/**
 * Paints node i through `fill` (device-pixel boxes, ends exclusive, already rounded). Returns
 * false when the box is off the target.
 */
export function paintNode(
  index: OverviewIndex,
  i: number,
  f: Frame,
  width: number,
  height: number,
  colours: OverviewColours,
  fill: Fill,
): boolean {
  const k = f.k;
  const left = (index.xs[i]! - f.ox) * k;
  const top = (index.ys[i]! - f.oy) * k;
  const x0 = Math.round(left);
  const y0 = Math.round(top);
  const x1 = Math.max(Math.round(left + CARD_W * k), x0 + 1);
  const y1 = Math.max(Math.round(top + drawnHeight(index, i, k) * k), y0 + 1);
  if (x1 <= 0 || y1 <= 0 || x0 >= width || y0 >= height) return false;
  const marks = index.marks[i]!;
  const dim = (marks & MARK.dim) !== 0;
  const status = index.status[i]!;
  const statusColour = (dim ? colours.statusDim : colours.status)[status] ?? colours.status[0]!;
  if (f.near) {
    // The full card's look: border, background (a Blocked card's own), status stripe.
    fill(x0, y0, x1, y1, colours.cardBorder);
    if (x1 - x0 > 2 && y1 - y0 > 2)
      fill(x0 + 1, y0 + 1, x1 - 1, y1 - 1, status === 2 ? colours.blockedCard : colours.card);
    fill(x0, y0, Math.min(x1, x0 + Math.max(1, Math.round(STRIPE * k))), y1, statusColour);
    return true;
  }
  // One status-colour box: the look of the DOM cards just above the hand-over (zoomed out,
  // styles.css `[data-lod]`), so nothing changes colour when the layer takes over.
  fill(x0, y0, x1, y1, statusColour);
  return true;
}

/** The ring a search hit or chain member gets: 2 device px around its box (at least 6 px). */
export function paintRing(
  index: OverviewIndex,
  i: number,
  f: Frame,
  colours: OverviewColours,
  fill: Fill,
): void {
  const marks = index.marks[i]!;
  const c = marks & MARK.root ? colours.chain : marks & MARK.match ? colours.match : null;
  if (!c) return;
  const k = f.k;
  const cx = (index.xs[i]! + CARD_W / 2 - f.ox) * k;
  const h = drawnHeight(index, i, k);
  const cy = (index.ys[i]! + h / 2 - f.oy) * k;
  const hw = Math.max((CARD_W * k) / 2, 3) + 2;
  const hh = Math.max((h * k) / 2, 3) + 2;
  const x0 = Math.round(cx - hw);
  const y0 = Math.round(cy - hh);
  const x1 = Math.round(cx + hw);
  const y1 = Math.round(cy + hh);
  fill(x0, y0, x1, y0 + 2, c);
  fill(x0, y1 - 2, x1, y1, c);
  fill(x0, y0, x0 + 2, y1, c);
  fill(x1 - 2, y0, x1, y1, c);
}

/** A Fill writing into a width×height Uint32 pixel buffer (clipped). */
export function pixelFill(pixels: Uint32Array, width: number, height: number): Fill {
  return (x0, y0, x1, y1, c) => {
    if (x0 < 0) x0 = 0;
    if (y0 < 0) y0 = 0;
    if (x1 > width) x1 = width;
    if (y1 > height) y1 = height;
    if (x1 <= x0 || y1 <= y0) return;
    for (let y = y0; y < y1; y++) pixels.fill(c.px, y * width + x0, y * width + x1);
  };
}

/** A Fill drawing with the canvas (for patches; same rounded boxes, no anti-aliasing). */
export function contextFill(ctx: CanvasRenderingContext2D): Fill {
  return (x0, y0, x1, y1, c) => {
    ctx.fillStyle = c.css;
    ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
  };
}

/** Paints `list` (ascending; null: every node) through `fill`, rings after all boxes. */
export function paintNodes(
  index: OverviewIndex,
  list: readonly number[] | null,
  f: Frame,
  width: number,
  height: number,
  colours: OverviewColours,
  fill: Fill,
): void {
  const ringed: number[] = [];
  const n = list ? list.length : index.count;
  for (let j = 0; j < n; j++) {
    const i = list ? list[j]! : j;
    if (!paintNode(index, i, f, width, height, colours, fill)) continue;
    if (index.marks[i]! & (MARK.match | MARK.root)) ringed.push(i);
  }
  for (const i of ringed) paintRing(index, i, f, colours, fill);
}

/**
 * Strokes links `list` (before the boxes, which cover them): all of them, or only blocking
 * and chain ones (`onlyAlarming`: a dense layer, where the rest would be a grey haze). Curves when a card is
 * wide enough for the curve to show, straight lines otherwise (cheaper, same at that size).
 */
export function strokeLinks(
  ctx: CanvasRenderingContext2D,
  index: OverviewIndex,
  list: readonly number[],
  f: Frame,
  colours: OverviewColours,
  onlyAlarming: boolean,
): void {
  const k = f.k;
  const curves = CARD_W * k >= CARD_LOOK_FROM;
  const tall = k >= TALL_FROM_K;
  const c = new Float64Array(8);
  const paths = [new Path2D(), new Path2D(), new Path2D(), new Path2D(), new Path2D()];
  // 0 secondary, 1 primary, 2 blocking, 3 chain, 4 dimmed
  for (const l of list) {
    const m = index.linkMarks[l]!;
    const kind =
      m & LINK.chain ? 3 : m & LINK.dim ? 4 : m & LINK.blocking ? 2 : m & LINK.primary ? 1 : 0;
    if (onlyAlarming && kind !== 2 && kind !== 3) continue;
    index.linkControls(l, c, tall);
    const p = paths[kind]!;
    p.moveTo((c[0]! - f.ox) * k, (c[1]! - f.oy) * k);
    if (curves)
      p.bezierCurveTo(
        (c[2]! - f.ox) * k,
        (c[3]! - f.oy) * k,
        (c[4]! - f.ox) * k,
        (c[5]! - f.oy) * k,
        (c[6]! - f.ox) * k,
        (c[7]! - f.oy) * k,
      );
    else p.lineTo((c[6]! - f.ox) * k, (c[7]! - f.oy) * k);
  }
  const styles: [string, number][] = [
    [colours.linkSecondary, Math.max(0.75, 1.25 * k)],
    [colours.linkPrimary, Math.max(0.75, 2.5 * k)],
    [colours.linkBlocking, Math.max(1.25, 2.5 * k)],
    [colours.linkChain, Math.max(1.5, 4 * k)],
    [colours.linkSecondary, Math.max(0.5, 1.25 * k)],
  ];
  ctx.save();
  for (const kind of [4, 0, 1, 2, 3]) {
    const [colour, width] = styles[kind]!;
    ctx.globalAlpha = kind === 4 ? 0.35 : 1;
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.stroke(paths[kind]!);
  }
  ctx.restore();
}
