/**
 * SVG and PNG pictures of the whole graph, drawn from the records (graph-svg.ts) rather than
 * captured from the canvas's DOM: a large canvas is virtualised and mounts only what is on
 * screen, so a DOM capture would miss most of the graph (docs/exchange.md, "Pictures").
 * The PNG is painted from the same scene on an OffscreenCanvas in the picture worker
 * (graph-raster.ts); only where that cannot run is the SVG rasterised here, on the page.
 */
import { graphSvg, IMAGE_THEMES, type GraphSvgInput } from './graph-svg';
import { pngHeight } from './graph-raster';
import { pictureMessages, type PictureSource } from './picture-post';
import type { PictureAnswer } from './picture.worker';
import { pageTurn } from '../canvas/virtualization/idle';

export type ImageFormat = 'svg' | 'png';

/** Width of the PNG; its height follows the graph's shape, within these bounds. */
export const IMAGE_WIDTH = 1600;
export const MIN_HEIGHT = 400;
export const MAX_HEIGHT = 4000;

/** A picture to save: a `blob:` URL (to revoke once saved) or a `data:` URL. */
export interface Picture {
  url: string;
  revoke: () => void;
}

/**
 * Draws an SVG text onto a canvas of `width`×`height` px (the picture centred, the rest
 * `background`) and answers it as a PNG blob. No dependency: the browser's own SVG renderer,
 * through an <img> of a blob URL (same origin, so the canvas stays readable).
 */
export async function svgToPng(
  svg: string,
  width: number,
  height: number,
  /** null: a transparent background. */
  background: string | null,
): Promise<Blob> {
  const source = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    image.src = source;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    if (background !== null) {
      ctx.fillStyle = background;
      ctx.fillRect(0, 0, width, height);
    }
    // Fit the picture's aspect ratio into the canvas (the height is clamped), centred.
    const scale = Math.min(width / image.naturalWidth, height / image.naturalHeight);
    const w = image.naturalWidth * scale;
    const h = image.naturalHeight * scale;
    ctx.drawImage(image, (width - w) / 2, (height - h) / 2, w, h);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('toBlob failed'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(source);
  }
}

/**
 * The picture drawn by a worker of its own (picture.worker.ts), so the page keeps answering
 * while a big plan is drawn (issue 16); pictures are rare, so the worker ends with its job.
 * The records go over in chunks, one task each (picture-post.ts). Where no worker can start,
 * the SVG is drawn here.
 */
async function pictureOffThread(
  request: PictureSource,
): Promise<{ format: 'svg' | 'png'; blob: Blob; height: number }> {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./picture.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    const drawn = graphSvg(request.input);
    return {
      format: 'svg',
      blob: new Blob([drawn.svg], { type: 'image/svg+xml' }),
      height: drawn.height,
    };
  }
  let failure: Error | null = null;
  const answer = new Promise<{ format: 'svg' | 'png'; blob: Blob; height: number }>(
    (resolve, reject) => {
      worker.onmessage = (event: MessageEvent<PictureAnswer>) => {
        worker.terminate();
        if (event.data.ok) resolve(event.data);
        else reject((failure = new Error(event.data.error)));
      };
      worker.onerror = (event) => {
        worker.terminate();
        reject((failure = new Error(event.message || 'the picture could not be drawn')));
      };
    },
  );
  // A failure while chunks are still going is awaited below, not unhandled meanwhile.
  answer.catch(() => undefined);
  try {
    for (const message of pictureMessages(request)) {
      if (failure) break;
      worker.postMessage(message);
      await pageTurn();
    }
  } catch (error) {
    worker.terminate();
    throw error;
  }
  return answer;
}

const PNG_BOUNDS = { minHeight: MIN_HEIGHT, maxHeight: MAX_HEIGHT };

/**
 * The whole graph drawn from the records (graph-svg.ts), as SVG or PNG: complete on a
 * virtualised canvas too, where most cards are not in the DOM.
 */
export async function graphImage(format: ImageFormat, input: GraphSvgInput): Promise<Picture> {
  const drawn = await pictureOffThread({
    // A snapshot of the records as they are now; later changes do not mix into the picture.
    input: { ...input, nodes: [...input.nodes], links: [...input.links], width: IMAGE_WIDTH },
    ...(format === 'png' ? { png: PNG_BOUNDS } : {}),
  });
  const blob =
    drawn.format === format
      ? drawn.blob
      : await svgToPng(
          await drawn.blob.text(),
          IMAGE_WIDTH,
          pngHeight(drawn.height, PNG_BOUNDS),
          input.transparent ? null : IMAGE_THEMES[input.theme ?? 'light'].background,
        );
  const url = URL.createObjectURL(blob);
  return { url, revoke: () => URL.revokeObjectURL(url) };
}
