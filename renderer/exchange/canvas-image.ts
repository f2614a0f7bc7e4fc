/**
 * SVG and PNG of the canvas, as React Flow's "download image" example does it: fit every node
 * into a fixed-size image with `getNodesBounds` + `getViewportForBounds`, and render the
 * viewport element (nodes and edges, not the minimap or controls) with html-to-image.
 */
import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';

export type ImageFormat = 'svg' | 'png';

/** Width of the image; the height follows the graph's shape, within these bounds. */
const IMAGE_WIDTH = 1600;
const MIN_HEIGHT = 400;
const MAX_HEIGHT = 4000;
const PADDING = 0.08;

/** Panels drawn over the canvas are not part of the picture. */
const OVERLAYS = ['react-flow__minimap', 'react-flow__controls', 'react-flow__panel'];
const notOverlay = (node: HTMLElement): boolean =>
  !(node.classList && OVERLAYS.some((c) => node.classList.contains(c)));

/** SVG presentation properties our stylesheet sets on edges (by class, not attribute). */
const SVG_PROPERTIES = [
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'fill',
  'fill-opacity',
  'opacity',
] as const;

/**
 * html-to-image copies each HTML element's computed style, but clones an `<svg>` with its
 * children as they are, so edge paths styled by class (stroke colour, width, dashes) would
 * come out invisible. Their computed values are written inline for the capture; the answered
 * function puts every `style` attribute back as it was.
 */
function inlineSvgStyles(root: HTMLElement): () => void {
  const restore: (() => void)[] = [];
  for (const el of root.querySelectorAll<SVGElement>('svg *')) {
    const before = el.getAttribute('style');
    const computed = getComputedStyle(el);
    for (const name of SVG_PROPERTIES) {
      el.style.setProperty(name, computed.getPropertyValue(name));
    }
    restore.push(() =>
      before === null ? el.removeAttribute('style') : el.setAttribute('style', before),
    );
  }
  return () => restore.forEach((undo) => undo());
}

/**
 * Renders the canvas's nodes into an image; answers a `data:` URL, or null when there is no
 * canvas on the page (nothing to draw).
 */
export async function canvasImage(
  format: ImageFormat,
  nodes: Node[],
  background: string,
): Promise<string | null> {
  const viewportElement = document.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewportElement) return null;
  const bounds = getNodesBounds(nodes);
  const ratio = bounds.width > 0 ? bounds.height / bounds.width : 0.5;
  const height = Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, IMAGE_WIDTH * ratio)));
  const viewport = getViewportForBounds(bounds, IMAGE_WIDTH, height, 0.05, 2, PADDING);
  const options = {
    backgroundColor: background,
    width: IMAGE_WIDTH,
    height,
    filter: notOverlay,
    style: {
      width: `${IMAGE_WIDTH}px`,
      height: `${height}px`,
      transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})`,
    },
  };
  const restore = inlineSvgStyles(viewportElement);
  try {
    return await (format === 'svg'
      ? toSvg(viewportElement, options)
      : toPng(viewportElement, options));
  } finally {
    restore();
  }
}
