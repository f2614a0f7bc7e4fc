/**
 * The picture worker: draws the whole graph off the main thread, so a 100,000-node plan's
 * picture never freezes the page — as SVG text (graph-svg.ts: seconds of string building),
 * or as PNG painted on an OffscreenCanvas from the same scene (graph-raster.ts; rasterising
 * the SVG on the page took over a minute of its thread). One message in, one out.
 */
import { graphScene, graphSvg, type GraphSvgInput } from './graph-svg';
import { paintScene, pngHeight } from './graph-raster';

export interface PictureRequest {
  input: GraphSvgInput;
  /** Paint a PNG `input.width` wide, its height the picture's clamped to these bounds. */
  png?: { minHeight: number; maxHeight: number };
}

export type PictureAnswer =
  | { ok: true; svg: string; height: number }
  | { ok: true; png: Blob; height: number }
  | { ok: false; error: string };

async function draw(request: PictureRequest): Promise<PictureAnswer> {
  const { input, png } = request;
  // Where OffscreenCanvas cannot paint here, the page rasterises the SVG (canvas-image.ts).
  if (png && typeof OffscreenCanvas !== 'undefined') {
    const scene = graphScene(input);
    const canvas = new OffscreenCanvas(scene.width, pngHeight(scene.height, png));
    const ctx = canvas.getContext('2d');
    if (ctx) {
      paintScene(ctx, scene, canvas.width, canvas.height, (d) => new Path2D(d));
      return {
        ok: true,
        png: await canvas.convertToBlob({ type: 'image/png' }),
        height: scene.height,
      };
    }
  }
  const drawn = graphSvg(input);
  return { ok: true, svg: drawn.svg, height: drawn.height };
}

self.addEventListener('message', (event: MessageEvent<PictureRequest>) => {
  draw(event.data).then(
    (answer) => self.postMessage(answer),
    (error: unknown) =>
      self.postMessage({
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      } satisfies PictureAnswer),
  );
});
