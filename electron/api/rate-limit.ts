/**
 * The mutation rate limit of SPEC X3 (300 a minute per token), shared by every transport of
 * the local API so a client cannot double its budget by switching transport. What counts is
 * decided by the method table (`isMutation`): every engine command — undo and redo included —
 * and the other methods that change something; reads are free. rate-limiter-flexible keeps
 * the fixed windows in memory and tells how long until the next point frees up.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { ServiceError } from '../../shared/contract/errors';
import { isMutation } from '../../shared/contract/method-names';

export const MUTATIONS_PER_MINUTE = 300;

export interface RateLimiter {
  /**
   * Counts one call of `method` by `key` (a token's rate key): a mutation takes one point, a
   * read none. Answers the 429 error when the budget is spent.
   */
  take(key: string, method: string): Promise<ServiceError | null>;
}

export function createRateLimiter(
  points = MUTATIONS_PER_MINUTE,
  durationSeconds = 60,
): RateLimiter {
  const limiter = new RateLimiterMemory({ points, duration: durationSeconds });
  return {
    async take(key, method) {
      if (!isMutation(method)) return null;
      try {
        await limiter.consume(key, 1);
        return null;
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        return {
          code: 'rate_limited.too_many_requests',
          message: `Rate limit of ${points} changes a minute reached; retry in ${retryAfter} s.`,
          retry_after: retryAfter,
        };
      }
    },
  };
}

/**
 * Expensive reads (an export, a whole graph, a page of links or history) each hold the main
 * thread while they build their answer; many of them at once from one token starve every
 * other request (8 clients exporting a 24,000-node workspace once pushed `/api/health` from
 * 3 ms to 1.6 s). So each token gets one read running at a time and a few waiting; beyond
 * that it is answered 429 at once.
 *
 * A slot is given back only as long after its read finished as the read took. Most reads
 * build their answer synchronously, within the turn their request arrived in, so counting
 * only reads still on the stack would never see two at once; and the pause means one token
 * keeps the main thread busy at most about half the time, so requests that arrive meanwhile
 * (`/api/health`, which never goes through this queue, or the editor's own calls) are
 * answered between two heavy reads instead of after all of them.
 */
export const READS_RUNNING_PER_TOKEN = 1;
export const READS_WAITING_PER_TOKEN = 4;

export interface ReadQueue {
  /** A slot for `key`: resolves to its release function, or the 429 to answer. */
  acquire(key: string): Promise<{ release: () => void } | { refused: ServiceError }>;
}

export function createReadQueue(
  running = READS_RUNNING_PER_TOKEN,
  waiting = READS_WAITING_PER_TOKEN,
): ReadQueue {
  const lanes = new Map<string, { running: number; waiting: (() => void)[] }>();
  const free = (key: string) => {
    const lane = lanes.get(key);
    if (!lane) return;
    const next = lane.waiting.shift();
    if (next) return next(); // the slot passes on to the oldest waiting read
    lane.running -= 1;
    if (lane.running === 0) lanes.delete(key);
  };
  const slot = (key: string) => {
    const startedAt = performance.now();
    let done = false;
    return {
      release: () => {
        if (done) return;
        done = true;
        const took = performance.now() - startedAt;
        if (took < 1) setImmediate(() => free(key));
        else setTimeout(() => free(key), took);
      },
    };
  };
  return {
    async acquire(key) {
      const lane = lanes.get(key) ?? { running: 0, waiting: [] };
      lanes.set(key, lane);
      if (lane.running < running) {
        lane.running += 1;
        return slot(key);
      }
      if (lane.waiting.length >= waiting) {
        return {
          refused: {
            code: 'rate_limited.too_many_reads',
            message: `Too many large reads at once for this token (${running} running, ${waiting} waiting); retry in 1 s.`,
            retry_after: 1,
          },
        };
      }
      await new Promise<void>((resolve) => lane.waiting.push(resolve));
      return slot(key);
    },
  };
}
