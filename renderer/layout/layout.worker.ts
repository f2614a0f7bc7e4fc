/**
 * The layout worker: runs a layout (engine-choice.ts) off the main thread, so the page keeps
 * answering while ELK works on a large plan. One message in (an id and a LayoutRequest), one
 * out (the same id and the LayoutResult, or an error message).
 *
 * elkjs's bundled build, seeing a worker global, makes itself a worker on first use: it sets
 * `self.onmessage` to its own dispatcher, which would take every later job (the second layout
 * then never answered). So jobs come through a listener, and ELK's handler is dropped
 * whenever it appears.
 */
import { runLayout } from './engine-choice';
import type { LayoutRequest } from './layout-types';

interface Job {
  id: number;
  request: LayoutRequest;
}

self.addEventListener('message', (event: MessageEvent<Job>) => {
  self.onmessage = null;
  const { id, request } = event.data;
  runLayout(request)
    .then(
      (result) => self.postMessage({ id, result }),
      (error: unknown) =>
        self.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
    )
    .finally(() => {
      self.onmessage = null;
    });
});
