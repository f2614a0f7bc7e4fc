/**
 * The picture worker: draws the whole graph off the main thread, so a 100,000-node plan's
 * picture never freezes the page — as SVG text (graph-svg.ts: seconds of string building),
 * or as PNG painted on an OffscreenCanvas from the same scene (graph-raster.ts; rasterising
 * the SVG on the page took over a minute of its thread). The request arrives in chunks
 * (picture-post.ts); the answer is one Blob, so the page never holds the SVG's text.
 */
import { graphScene, graphSvg } from './graph-svg';
import { paintScene, pngHeight } from './graph-raster';
import { PictureAssembler, type PictureMessage, type PictureRequest } from './picture-post';

/**
 * `format` is what `blob` holds: an SVG where a PNG was asked for but OffscreenCanvas cannot
 * paint here (the page then rasterises it: canvas-image.ts).
 */
export type PictureAnswer =
  { ok: true; format: 'svg' | 'png'; blob: Blob; height: number } | { ok: false; error: string };

async function draw(request: PictureRequest): Promise<PictureAnswer> {
  const { input, png } = request;
  if (png && typeof OffscreenCanvas !== 'undefined') {
    const scene = graphScene(input);
    const canvas = new OffscreenCanvas(scene.width, pngHeight(scene.height, png));
    const ctx = canvas.getContext('2d');
    if (ctx) {
      paintScene(ctx, scene, canvas.width, canvas.height, (d) => new Path2D(d));
      return {
        ok: true,
        format: 'png',
        blob: await canvas.convertToBlob({ type: 'image/png' }),
        height: scene.height,
      };
    }
  }
  const drawn = graphSvg(input);
  return {
    ok: true,
    format: 'svg',
    blob: new Blob([drawn.svg], { type: 'image/svg+xml' }),
    height: drawn.height,
  };
}

const assembler = new PictureAssembler();

self.addEventListener('message', (event: MessageEvent<PictureMessage>) => {
  const failed = (error: unknown) =>
    self.postMessage({
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    } satisfies PictureAnswer);
  try {
    const request = assembler.receive(event.data);
    if (request) draw(request).then((answer) => self.postMessage(answer), failed);
  } catch (error) {
    failed(error);
  }
});
