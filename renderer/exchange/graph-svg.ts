/**
 * The whole graph as an SVG picture, drawn from the app's records rather than from the
 * canvas's DOM: a large canvas is virtualised (only what is on screen is mounted), so a
 * picture of the DOM would miss most of it. Pure and framework-free (string building, no
 * DOM), so it runs in a test and scales to 10,000 nodes.
 *
 * It draws what the canvas draws (renderer/canvas/NodeCard.tsx, LinkEdge.tsx, styles.css):
 * cards of 227×67 px (200 px of content, 8/10 px padding, a 6 px status strip on the left),
 * the link as React Flow's Bézier from the source handle (right, 6 px outside the card) to
 * the target handle (left, 1 px outside), primary links heavy and dark, secondary thin and
 * light, links blocking right now red, the link type's name at the curve's middle with a
 * lock for private links, and React Flow's closed arrowheads.
 */
import { getBezierPath, Position } from '@xyflow/react';
import type { CustomLinkType, LinkRecord, NodeRecord } from '../../shared/model/types';
import { xmlAttr } from '../../shared/exchange/xml-escape';
import { printable } from '../../shared/exchange/text';
import { CARD, STATUS_COLOURS, THEME_COLOURS } from '../../shared/ui-constants';
import { STATUS_NAMES, isBlockingNow, linkLabel } from '../canvas/flow-elements';
import { cardSize, textWidth } from './card-text';

export { cardSize, textWidth, wrapTitle } from './card-text';

export type ImageTheme = 'light' | 'dark';

/**
 * What the picture reads of a node record: the picture worker is sent only these fields
 * (picture-post.ts), not whole records, so posting a 100,000-node plan stays cheap.
 */
export type PictureNode = Pick<
  NodeRecord,
  'id' | 'display_id' | 'title' | 'kind' | 'status' | 'position' | 'in_trash'
>;
/** What the picture reads of a link record (its label, strokes and blocking state). */
export type PictureLink = Pick<
  LinkRecord,
  'source' | 'target' | 'link_type' | 'custom_link_type' | 'type' | 'private' | 'in_trash'
>;

export interface GraphSvgInput {
  /** Every node record of the view; trashed ones are left out here. */
  nodes: Iterable<PictureNode>;
  /** Every link record; drawn when it and both its ends are active ([L5]). */
  links: Iterable<PictureLink>;
  customTypes?: ReadonlyMap<string, CustomLinkType>;
  theme?: ImageTheme;
  /** Card sizes React Flow has measured (mounted cards); the others are estimated. */
  sizes?: ReadonlyMap<string, { width: number; height: number }>;
  /** The `width` attribute of the picture; the height follows the graph's shape. */
  width?: number;
  /** No background: the cards and links over whatever the picture is put on. */
  transparent?: boolean;
}

export interface GraphSvg {
  svg: string;
  /** The picture's `width` / `height` attributes. */
  width: number;
  height: number;
  /** The drawn part of the plane, in canvas (flow) coordinates. */
  viewBox: { x: number; y: number; width: number; height: number };
  nodeCount: number;
  linkCount: number;
}

/** The canvas's look, per theme: the editor's colours (shared/ui-constants.ts), white paper in light. */
const imageTheme = (theme: ImageTheme) => {
  const c = THEME_COLOURS[theme];
  return {
    background: theme === 'light' ? '#ffffff' : c.bg,
    panel: c.panel,
    border: c.border,
    text: c.fg,
    muted: c.muted,
    blockedCard: c.blockedCard,
    labelText: c.label,
  };
};
export const IMAGE_THEMES = { light: imageTheme('light'), dark: imageTheme('dark') } as const;
export { STATUS_COLOURS };
const FONT = "system-ui, -apple-system, 'Segoe UI', sans-serif";

/** Card geometry: shared/ui-constants.ts (a card with a one-line title). */
export const CARD_WIDTH = CARD.width;
export const CARD_HEIGHT = CARD.height;
const TITLE_LINE = CARD.titleLine; // 13 px text
/** Handle offsets (12 px handles + border, centred on the card's padding edge). */
export const SOURCE_HANDLE_DX = 6;
export const TARGET_HANDLE_DX = -1;
/** Blank space around the graph, in canvas pixels. */
export const IMAGE_PADDING = 40;
export const DEFAULT_IMAGE_WIDTH = 1600;

/** `text` without what XML cannot hold (a lone surrogate becomes U+FFFD): the exports' rule. */
export const xmlSafe = printable;

/** Text for an XML element or a double-quoted attribute value: the exports' one escaping. */
export const escapeXml = xmlAttr;

/** A number, rounded to 0.1 px, as short as it can be written. */
function n(v: number): string {
  return String(Math.round(v * 10) / 10);
}

/** Where React Flow attaches a link to a card: the right-hand source handle, the left-hand target. */
export function handlePoints(
  source: { x: number; y: number; width: number; height: number },
  target: { x: number; y: number; width: number; height: number },
): { sourceX: number; sourceY: number; targetX: number; targetY: number } {
  return {
    sourceX: source.x + source.width + SOURCE_HANDLE_DX,
    sourceY: source.y + source.height / 2,
    targetX: target.x + TARGET_HANDLE_DX,
    targetY: target.y + target.height / 2,
  };
}

/** The edge path React Flow draws for a link between two handle points. */
export function linkPath(p: ReturnType<typeof handlePoints>): [string, number, number] {
  const [d, labelX, labelY] = getBezierPath({
    ...p,
    sourcePosition: Position.Right,
    targetPosition: Position.Left,
  });
  return [d, labelX, labelY];
}

/**
 * The x range of a backward link's curve (target left of its source), whose control points
 * React Flow puts 6.25·√|dx| outside the handles: the extremes of the cubic's x(t).
 */
export function backwardBulge(sourceX: number, targetX: number): [number, number] {
  const offset = 0.25 * 25 * Math.sqrt(sourceX - targetX);
  const p = [sourceX, sourceX + offset, targetX - offset, targetX] as const;
  // x'(t)/3 = a·t² + b·t + c
  const a = -p[0] + 3 * p[1] - 3 * p[2] + p[3];
  const b = 2 * (p[0] - 2 * p[1] + p[2]);
  const c = p[1] - p[0];
  const at = (t: number) =>
    (1 - t) ** 3 * p[0] + 3 * (1 - t) ** 2 * t * p[1] + 3 * (1 - t) * t * t * p[2] + t ** 3 * p[3];
  const xs = [sourceX, targetX];
  const disc = b * b - 4 * a * c;
  if (a !== 0 && disc >= 0) {
    for (const t of [(-b + Math.sqrt(disc)) / (2 * a), (-b - Math.sqrt(disc)) / (2 * a)])
      if (t > 0 && t < 1) xs.push(at(t));
  }
  return [Math.min(...xs), Math.max(...xs)];
}

/**
 * The links' strokes (styles.css's `.lg-edge`): primary heavy and dark, secondary thin and
 * light, blocking-now in the Blocked colour. One source for the SVG and the PNG painter.
 */
export const LINK_STROKES = {
  primary: { colour: '#5b6070', width: 2.5 },
  secondary: { colour: '#b3b8c3', width: 1.25 },
  blocking: STATUS_COLOURS[2]!,
} as const;
/** React Flow's closed arrowhead's colour. */
export const ARROW_COLOUR = '#b1b1b7';
/** The lock of a private link: the shackle's stroke and the body's fill. */
export const LOCK_COLOURS = { shackle: '#7a7f8c', body: '#e0a526' } as const;
export const IMAGE_FONT = FONT;

function styleSheet(theme: ImageTheme): string {
  const t = IMAGE_THEMES[theme];
  const { primary, secondary, blocking } = LINK_STROKES;
  return (
    `.k{fill:${t.panel};stroke:${t.border}}.kb{fill:${t.blockedCard};stroke:${t.border}}` +
    STATUS_COLOURS.map((c, i) => `.s${i}{fill:${c}}`).join('') +
    `.m{font-size:11px;fill:${t.muted}}.e{text-anchor:end}.t{font-size:13px;font-weight:600;fill:${t.text}}` +
    `.u{font-size:11px;fill:${t.muted}}` +
    `.l path{fill:none;marker-end:url(#a)}.p{stroke:${primary.colour};stroke-width:${primary.width}}` +
    `.s{stroke:${secondary.colour};stroke-width:${secondary.width}}` +
    `.l .b{stroke:${blocking}}` +
    `.lb{fill:${t.panel};stroke:${t.border}}.lt{font-size:11px;fill:${t.labelText};text-anchor:middle}.lp{font-weight:600}`
  );
}

// React Flow's ArrowClosed marker (18×18 in stroke widths, so it grows with a heavy link).
const MARKER =
  '<marker id="a" markerWidth="18" markerHeight="18" viewBox="-10 -10 20 20" markerUnits="strokeWidth" orient="auto-start-reverse" refX="0" refY="0">' +
  `<polyline points="-5,-4 0,0 -5,4 -5,-4" fill="${ARROW_COLOUR}" stroke="${ARROW_COLOUR}" stroke-width="1" stroke-linecap="round" stroke-linejoin="round"/></marker>`;
/** The lock's shackle path (9×11 px; the body is a 9×6 rectangle at y 5, corners 1.2). */
export const LOCK_SHACKLE = 'M2,5V3.5a2.5,2.5 0 0 1 5,0V5';
// The lock of a private link (the canvas shows 🔒): a shackle over a gold body, 9×11 px.
const LOCK =
  `<g id="lk"><path d="${LOCK_SHACKLE}" fill="none" stroke="${LOCK_COLOURS.shackle}" stroke-width="1.3"/>` +
  `<rect x="0" y="5" width="9" height="6" rx="1.2" fill="${LOCK_COLOURS.body}"/></g>`;
export const LOCK_WIDTH = 9;
export const LOCK_GAP = 3;

/** The status strip down a card's left edge, as an SVG path (the card's own coordinates). */
export function statusStrip(h: number): string {
  return `M6,.25A8,8 0 0 0 0,8V${n(h - 8)}A8,8 0 0 0 6,${n(h - 0.25)}Z`;
}

/** One card of the picture, in canvas (flow) coordinates. */
export interface SceneCard {
  record: PictureNode;
  /** 0–3 (an unknown status is drawn as 0). */
  status: number;
  x: number;
  y: number;
  width: number;
  height: number;
  lines: string[];
}

/** One link of the picture: its curve, and its label box centred on the curve's middle. */
export interface SceneLink {
  /** React Flow's Bézier, `M sx,sy C c1x,c1y c2x,c2y tx,ty`. */
  d: string;
  primary: boolean;
  blocking: boolean;
  private: boolean;
  text: string;
  /** The label's box width (text, lock and padding) and its centre. */
  boxWidth: number;
  labelX: number;
  labelY: number;
}

/**
 * What the picture draws, laid out once: the SVG writer below and the PNG painter
 * (graph-raster.ts) both draw from it, so the two pictures hold the same thing.
 */
export interface GraphScene {
  theme: ImageTheme;
  transparent: boolean;
  cards: SceneCard[];
  links: SceneLink[];
  /** The `width` / `height` of the picture. */
  width: number;
  height: number;
  viewBox: { x: number; y: number; width: number; height: number };
}

/** Lays the graph out for drawing; see the module comment. */
export function graphScene(input: GraphSvgInput): GraphScene {
  const theme = input.theme ?? 'light';
  const customTypes = input.customTypes ?? new Map<string, CustomLinkType>();

  const cards = new Map<string, SceneCard>();
  const records = new Map<string, PictureNode>();
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const record of input.nodes) {
    records.set(record.id, record);
    if (record.in_trash) continue;
    const { width, height, lines } = cardSize(record, input.sizes?.get(record.id));
    const { x, y } = record.position;
    const status = record.status >= 0 && record.status <= 3 ? record.status : 0;
    cards.set(record.id, { record, status, x, y, width, height, lines });
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x + width > maxX) maxX = x + width;
    if (y + height > maxY) maxY = y + height;
  }
  if (cards.size === 0) minX = minY = maxX = maxY = 0;

  const links: SceneLink[] = [];
  for (const link of input.links) {
    if (link.in_trash) continue;
    const source = cards.get(link.source);
    const target = cards.get(link.target);
    if (!source || !target) continue;
    const primary = link.type === 0;
    const ends = handlePoints(source, target);
    const [d, labelX, labelY] = linkPath(ends);
    // A backward link bulges out beyond its cards: the picture takes it in.
    if (ends.targetX < ends.sourceX) {
      const [left, right] = backwardBulge(ends.sourceX, ends.targetX);
      if (left < minX) minX = left;
      if (right > maxX) maxX = right;
    }
    const text = linkLabel(link, customTypes);
    const lock = link.private ? LOCK_WIDTH + LOCK_GAP : 0;
    links.push({
      d,
      primary,
      blocking: isBlockingNow(link, records, customTypes),
      private: link.private,
      text,
      boxWidth: textWidth(text, 11, primary) + lock + 14,
      labelX,
      labelY,
    });
  }

  const viewBox = {
    x: minX - IMAGE_PADDING,
    y: minY - IMAGE_PADDING,
    width: maxX - minX + 2 * IMAGE_PADDING,
    height: maxY - minY + 2 * IMAGE_PADDING,
  };
  const width = input.width ?? DEFAULT_IMAGE_WIDTH;
  const height = Math.max(1, Math.round((width * viewBox.height) / viewBox.width));
  return {
    theme,
    transparent: input.transparent ?? false,
    cards: [...cards.values()],
    links,
    width,
    height,
    viewBox,
  };
}

/** Draws the graph as SVG; see the module comment. */
export function graphSvg(input: GraphSvgInput): GraphSvg {
  const scene = graphScene(input);
  const { theme, viewBox, width, height } = scene;
  const colours = IMAGE_THEMES[theme];

  const paths: string[] = [];
  const labels: string[] = [];
  for (const link of scene.links) {
    const cls = (link.primary ? 'p' : 's') + (link.blocking ? ' b' : '');
    paths.push(`<path class="${cls}" d="${link.d}"/>`);
    const lock = link.private ? LOCK_WIDTH + LOCK_GAP : 0;
    const left = -link.boxWidth / 2;
    let label =
      `<g transform="translate(${n(link.labelX)},${n(link.labelY)})"><rect class="lb" x="${n(left + 0.5)}" y="-8" width="${n(link.boxWidth - 1)}" height="16" rx="4"/>` +
      `<text class="lt${link.primary ? ' lp' : ''}" x="${n(lock / 2)}" y="4">${escapeXml(link.text)}</text>`;
    if (link.private) label += `<use class="lock" href="#lk" x="${n(left + 7)}" y="-6"/>`;
    labels.push(label + '</g>');
  }

  const nodes: string[] = [];
  const frames = new Map<string, string>();
  const frameDefs: string[] = [];
  for (const card of scene.cards) {
    const { record, status, width: w, height: h, lines } = card;
    // The card's frame (box and status strip) is drawn once per status and size, then reused.
    const key = `${status}:${n(w)}:${n(h)}`;
    let frame = frames.get(key);
    if (frame === undefined) {
      frame = `f${frames.size}`;
      frames.set(key, frame);
      frameDefs.push(
        `<g id="${frame}"><rect class="${status === 2 ? 'kb' : 'k'}" x=".5" y=".5" width="${n(w - 1)}" height="${n(h - 1)}" rx="7.5"/>` +
          `<path class="s${status}" d="${statusStrip(h)}"/></g>`,
      );
    }
    let g =
      `<g class="n" transform="translate(${n(card.x)},${n(card.y)})"><use href="#${frame}"/>` +
      `<text class="m" x="16" y="19">${escapeXml(record.display_id)}</text>` +
      `<text class="m e" x="${n(w - 11)}" y="19">${escapeXml(kindText(record))}</text>`;
    let y = TITLE_TOP;
    for (const line of lines) {
      g += `<text class="t" x="16" y="${y}">${escapeXml(line)}</text>`;
      y += TITLE_LINE;
    }
    // The status line, when the (measured) card has room for it below the title.
    if (hasStatusLine(y, h))
      g += `<text class="u" x="16" y="${y + 2}">${STATUS_NAMES[status] ?? ''}</text>`;
    nodes.push(g + '</g>');
  }

  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="${n(viewBox.x)} ${n(viewBox.y)} ${n(viewBox.width)} ${n(viewBox.height)}" ` +
    `font-family="${escapeXml(FONT)}">` +
    `<defs><style>${styleSheet(theme)}</style>${MARKER}${LOCK}${frameDefs.join('')}</defs>` +
    (scene.transparent
      ? ''
      : `<rect x="${n(viewBox.x)}" y="${n(viewBox.y)}" width="${n(viewBox.width)}" height="${n(viewBox.height)}" fill="${colours.background}"/>`) +
    `<g class="l">${paths.join('')}</g><g class="ls">${labels.join('')}</g>` +
    `<g class="ns">${nodes.join('')}</g></svg>`;
  return {
    svg,
    width,
    height,
    viewBox,
    nodeCount: scene.cards.length,
    linkCount: scene.links.length,
  };
}

/** The kind as the card words it. */
export function kindText(record: Pick<NodeRecord, 'kind'>): string {
  return record.kind.replace('_', ' ');
}

/** Whether a card whose title ends at baseline `y` has room for its status line. */
export function hasStatusLine(y: number, height: number): boolean {
  return y + 2 <= height - 8;
}

/** The baseline of a card's first title line; each next one is `TITLE_LINE` lower. */
export const TITLE_TOP = 38;
export { TITLE_LINE };
