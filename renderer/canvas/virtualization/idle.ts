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

/**
 * Runs `job` in the page's next task: a message to itself, which a hidden tab does not
 * throttle (a timeout there waits up to a second: 50 chunks of a 100,000-node picture would
 * take 50 s). Answers a cancel function.
 */
export function nextTask(job: () => void): () => void {
  const channel = new MessageChannel();
  let cancelled = false;
  channel.port1.onmessage = () => {
    channel.port1.close();
    if (!cancelled) job();
  };
  channel.port2.postMessage(null);
  return () => {
    cancelled = true;
    channel.port1.close();
  };
}

/** `nextTask` as a promise: resolves in the page's next task, after it has had its turn. */
export function pageTurn(): Promise<void> {
  return new Promise((resolve) => void nextTask(resolve));
}
