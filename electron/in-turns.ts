/**
 * Runs engine work in steps (shared/engine/steps.ts) on the main thread without holding it:
 * steps run back to back for up to SLICE_MS, then the event loop gets a turn (`setImmediate`:
 * after pending I/O, so the local API's and the windows' requests are answered in between).
 * Opening a 100,000-node workspace is most of a second of such work; in one piece it held
 * every other request for that long (docs/store.md, "Opening in turns").
 */
import type { Steps } from '../shared/engine';

/** Work between two turns of the event loop, in milliseconds. */
export const SLICE_MS = 12;

/** The next turn of the event loop, after pending I/O (another client's request). */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs `steps` to the end, a slice at a time, and answers what it returns. */
export async function inTurns<R>(steps: Steps<R>, sliceMs = SLICE_MS): Promise<R> {
  let until = performance.now() + sliceMs;
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() >= until) {
      await nextTurn();
      until = performance.now() + sliceMs;
    }
  }
}
