/**
 * Runs `job` a little after the first frame, once the page is idle (`delayMs`, then
 * requestIdleCallback, at most `timeoutMs` later), for structures the first frame does not
 * need: a large plan's spatial indexes are built after it shows (docs/canvas-performance.md,
 * "First frame"). Answers a cancel function.
 */
export function whenIdle(job: () => void, delayMs = 250, timeoutMs = 1000): () => void {
  let idle: number | null = null;
  const timer = setTimeout(() => {
    if (typeof requestIdleCallback === 'function')
      idle = requestIdleCallback(job, { timeout: timeoutMs });
    else job();
  }, delayMs);
  return () => {
    clearTimeout(timer);
    if (idle !== null) cancelIdleCallback(idle);
  };
}
