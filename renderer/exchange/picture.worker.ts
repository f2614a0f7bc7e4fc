/**
 * The picture worker: draws the whole graph as SVG (graph-svg.ts) off the main thread, so a
 * 100,000-node plan's picture — seconds of string building — never freezes the page. One
 * message in (the records and options, already plain arrays and maps), one out.
 */
import { graphSvg, type GraphSvgInput } from './graph-svg';

export type PictureAnswer =
  { ok: true; svg: string; height: number } | { ok: false; error: string };

self.addEventListener('message', (event: MessageEvent<GraphSvgInput>) => {
  let answer: PictureAnswer;
  try {
    const drawn = graphSvg(event.data);
    answer = { ok: true, svg: drawn.svg, height: drawn.height };
  } catch (error) {
    answer = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(answer);
});
