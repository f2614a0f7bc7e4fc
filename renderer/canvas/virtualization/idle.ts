/**
 * Runs `job` once the page is idle after the current frames (requestIdleCallback, at most
 * `timeoutMs` later), for structures the first frame does not need: a large plan's spatial
 * indexes are built after it shows (docs/canvas-performance.md, "First frame"). Answers a
 * cancel function.
 */
export function whenIdle(job: () => void, timeoutMs = 1000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(job, { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(job, 0);
  return () => clearTimeout(id);
}
