/**
 * The page's first graph, asked by main.tsx while the editor's own script (the `mount` chunk:
 * React, React Flow, every panel) is still being parsed and run (docs/canvas-performance.md,
 * "The first graph asked at start"). The server spends 0.5–1 s reading and encoding a
 * 100,000-node plan, and the page about as long parsing and running its script; asked from the
 * editor after `app.info`, as before, the one waited for the other. Asked this way, they overlap.
 *
 * Asked only once both are in:
 * - the live channel (`whenLive`): a change made after the server read the graph is then
 *   pushed to the page, as when the editor asked it itself;
 * - the editor's script file (`scriptFetched`): the same server sends it, and while it encodes
 *   the graph it sends nothing else, so asked earlier the graph would hold the script back.
 * A bridge without such a channel (the desktop app's) is not asked early.
 */
import type { LinkgraphBridge } from '../../shared/contract/api';
import type { LiveBridge } from './http-bridge';

type Answer = ReturnType<LinkgraphBridge['graph.columns']>;

let first: Answer | null = null;

export function askFirstGraph(
  bridge: LinkgraphBridge & Partial<LiveBridge>,
  scriptFetched: Promise<void>,
): void {
  if (!bridge.whenLive) return;
  first = Promise.all([bridge.whenLive(), scriptFetched]).then(() => bridge['graph.columns']());
}

/**
 * The early answer, once: the page's first load takes it. Any load takes it away, so a later
 * one never shows that older graph (and a first load of someone else's view leaves it unused).
 */
export function takeFirstGraph(): Answer | null {
  const answer = first;
  first = null;
  return answer;
}

/** A script that takes longer than this to arrive does not hold the graph back any longer. */
const SCRIPT_WAIT_MS = 1500;

/**
 * Settles once the page has received a script file whose name matches `name` (its resource
 * timing entry), or after `SCRIPT_WAIT_MS`.
 */
export function whenScriptFetched(name: RegExp): Promise<void> {
  return new Promise<void>((resolve) => {
    const seen = () => performance.getEntriesByType('resource').some((e) => name.test(e.name));
    if (seen()) return resolve();
    const observer = new PerformanceObserver(() => {
      if (!seen()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe({ type: 'resource' });
    setTimeout(() => {
      observer.disconnect();
      resolve();
    }, SCRIPT_WAIT_MS);
  });
}
