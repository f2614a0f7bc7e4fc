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
