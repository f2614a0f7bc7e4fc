/**
 * The layout worker: runs a layout (engine-choice.ts) off the main thread, so the page keeps
 * answering while ELK works on a large plan. One message in (an id and a LayoutRequest), one
 * out (the same id and the LayoutResult, or an error message).
 */
import { runLayout } from './engine-choice';
import type { LayoutRequest } from './layout-types';

interface Job {
  id: number;
  request: LayoutRequest;
}

self.onmessage = (event: MessageEvent<Job>) => {
  const { id, request } = event.data;
  runLayout(request).then(
    (result) => self.postMessage({ id, result }),
    (error: unknown) =>
      self.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
};
