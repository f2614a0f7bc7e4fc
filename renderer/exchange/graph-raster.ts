/**
 * The PNG picture painted with canvas 2D straight from the picture's scene (graph-svg.ts
 * `graphScene`), the same cards, links, labels, colours and fonts the SVG writes — so it can
 * be drawn in the picture worker on an OffscreenCanvas. Rasterising the 100,000-node SVG with
 * the page's <img> + `drawImage` held the page's thread for over a minute
 * (docs/exchange.md, "Pictures").
 */
import {
  ARROW_COLOUR,
  IMAGE_FONT,
  IMAGE_THEMES,
  LINK_STROKES,
  LOCK_COLOURS,
  LOCK_GAP,
  LOCK_SHACKLE,
  LOCK_WIDTH,
  STATUS_COLOURS,
  TITLE_LINE,
  TITLE_TOP,
  hasStatusLine,
  kindText,
  statusStrip,
  type GraphScene,
} from './graph-svg';
import { STATUS_NAMES } from '../canvas/flow-elements';

/** What the painter needs of a 2D context (the page's and an OffscreenCanvas's both have it). */
export type Paint2D = Pick<
  CanvasRenderingContext2D,
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'lineJoin'
  | 'lineCap'
  | 'font'
  | 'textAlign'
  | 'fillRect'
  | 'fillText'
  | 'fill'
  | 'stroke'
  | 'beginPath'
  | 'roundRect'
  | 'moveTo'
  | 'lineTo'
  | 'closePath'
  | 'save'
  | 'restore'
  | 'translate'
  | 'scale'
  | 'rotate'
  | 'setTransform'
>;

/** The PNG's height: the picture's, within the bounds (the picture is centred when clamped). */
export function pngHeight(height: number, bounds: { minHeight: number; maxHeight: number }) {
  return Math.min(bounds.maxHeight, Math.max(bounds.minHeight, height));
}

/**
 * Where the picture goes on a canvas of `canvasWidth`×`canvasHeight`: the SVG's
 * `width`×`height` fitted and centred in it (as the PNG drew the SVG image), and the viewBox
 * fitted and centred in that (SVG's default `xMidYMid meet`). Answers scale and offset.
 */
export function pictureTransform(
  scene: Pick<GraphScene, 'width' | 'height' | 'viewBox'>,
  canvasWidth: number,
  canvasHeight: number,
): { scale: number; dx: number; dy: number } {
  const image = Math.min(canvasWidth / scene.width, canvasHeight / scene.height);
  const ox = (canvasWidth - scene.width * image) / 2;
  const oy = (canvasHeight - scene.height * image) / 2;
  const { viewBox: vb } = scene;
  const fit = Math.min(scene.width / vb.width, scene.height / vb.height);
  const sx = (scene.width - vb.width * fit) / 2;
  const sy = (scene.height - vb.height * fit) / 2;
  const scale = image * fit;
  return { scale, dx: ox + image * sx - vb.x * scale, dy: oy + image * sy - vb.y * scale };
}

/** The end point and the direction the curve arrives in, from its `M … C c1 c2 end` path. */
export function curveEnd(d: string): { x: number; y: number; angle: number } {
  const v = d.match(/-?[\d.]+(?:e-?\d+)?/g)!.map(Number);
  const [x, y] = [v[6]!, v[7]!];
  // The tangent at the end runs from the second control point (or, if it sits on the end, the first).
  let [px, py] = [v[4]!, v[5]!];
  if (px === x && py === y) [px, py] = [v[2]!, v[3]!];
  return { x, y, angle: Math.atan2(y - py, x - px) };
}

/**
 * Paints `scene` onto `ctx` (already sized `canvasWidth`×`canvasHeight`): `background` over
 * the whole canvas unless the picture is transparent, then links, labels and cards, the SVG's
 * layer order.
 */
export function paintScene(
  ctx: Paint2D,
  scene: GraphScene,
  canvasWidth: number,
  canvasHeight: number,
  makePath: (d: string) => Path2D,
): void {
  const t = IMAGE_THEMES[scene.theme];
  if (!scene.transparent) {
    ctx.fillStyle = t.background;
    ctx.fillRect(0, 0, canvasWidth, canvasHeight);
  }
  const { scale, dx, dy } = pictureTransform(scene, canvasWidth, canvasHeight);
  ctx.setTransform(scale, 0, 0, scale, dx, dy);

  // Links, then their arrowheads (React Flow's ArrowClosed: 18 stroke widths in a 20-unit box).
  ctx.lineJoin = 'round';
  ctx.lineCap = 'butt';
  for (const link of scene.links) {
    const style = link.primary ? LINK_STROKES.primary : LINK_STROKES.secondary;
    ctx.strokeStyle = link.blocking ? LINK_STROKES.blocking : style.colour;
    ctx.lineWidth = style.width;
    ctx.stroke(makePath(link.d));
  }
  ctx.fillStyle = ARROW_COLOUR;
  ctx.strokeStyle = ARROW_COLOUR;
  ctx.lineCap = 'round';
  for (const link of scene.links) {
    const width = (link.primary ? LINK_STROKES.primary : LINK_STROKES.secondary).width;
    const end = curveEnd(link.d);
    ctx.save();
    ctx.translate(end.x, end.y);
    ctx.rotate(end.angle);
    ctx.scale((width * 18) / 20, (width * 18) / 20);
    ctx.beginPath();
    ctx.moveTo(-5, -4);
    ctx.lineTo(0, 0);
    ctx.lineTo(-5, 4);
    ctx.closePath();
    ctx.lineWidth = 1;
    ctx.fill();
    ctx.stroke();
    ctx.restore();
  }

  // Labels: a rounded box with the link type's name, and a lock for a private link.
  const shackle = makePath(LOCK_SHACKLE);
  ctx.lineCap = 'butt';
  ctx.textAlign = 'center';
  for (const link of scene.links) {
    const left = link.labelX - link.boxWidth / 2;
    ctx.beginPath();
    ctx.roundRect(left + 0.5, link.labelY - 8, link.boxWidth - 1, 16, 4);
    ctx.fillStyle = t.panel;
    ctx.fill();
    ctx.strokeStyle = t.border;
    ctx.lineWidth = 1;
    ctx.stroke();
    const lock = link.private ? LOCK_WIDTH + LOCK_GAP : 0;
    ctx.font = `${link.primary ? '600 ' : ''}11px ${IMAGE_FONT}`;
    ctx.fillStyle = t.labelText;
    ctx.fillText(link.text, link.labelX + lock / 2, link.labelY + 4);
    if (link.private) {
      ctx.save();
      ctx.translate(left + 7, link.labelY - 6);
      ctx.strokeStyle = LOCK_COLOURS.shackle;
      ctx.lineWidth = 1.3;
      ctx.stroke(shackle);
      ctx.beginPath();
      ctx.roundRect(0, 5, LOCK_WIDTH, 6, 1.2);
      ctx.fillStyle = LOCK_COLOURS.body;
      ctx.fill();
      ctx.restore();
    }
  }

  // Cards: frame, status strip, display id, kind, title lines and status name.
  const strips = new Map<number, Path2D>();
  for (const card of scene.cards) {
    const { record, status, width: w, height: h, lines } = card;
    ctx.save();
    ctx.translate(card.x, card.y);
    ctx.beginPath();
    ctx.roundRect(0.5, 0.5, w - 1, h - 1, 7.5);
    ctx.fillStyle = status === 2 ? t.blockedCard : t.panel;
    ctx.fill();
    ctx.strokeStyle = t.border;
    ctx.lineWidth = 1;
    ctx.stroke();
    let strip = strips.get(h);
    if (!strip) strips.set(h, (strip = makePath(statusStrip(h))));
    ctx.fillStyle = STATUS_COLOURS[status]!;
    ctx.fill(strip);
    ctx.font = `11px ${IMAGE_FONT}`;
    ctx.fillStyle = t.muted;
    ctx.textAlign = 'start';
    ctx.fillText(record.display_id, 16, 19);
    ctx.textAlign = 'end';
    ctx.fillText(kindText(record), w - 11, 19);
    ctx.textAlign = 'start';
    ctx.font = `600 13px ${IMAGE_FONT}`;
    ctx.fillStyle = t.text;
    let y = TITLE_TOP;
    for (const line of lines) {
      ctx.fillText(line, 16, y);
      y += TITLE_LINE;
    }
    if (hasStatusLine(y, h)) {
      ctx.font = `11px ${IMAGE_FONT}`;
      ctx.fillStyle = t.muted;
      ctx.fillText(STATUS_NAMES[status] ?? '', 16, y + 2);
    }
    ctx.restore();
  }
}
