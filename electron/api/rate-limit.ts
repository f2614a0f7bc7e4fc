/**
 * The mutation rate limit of SPEC X3 (300 a minute per token), shared by HTTP and Socket.IO
 * so a client cannot double its budget by switching transport. rate-limiter-flexible keeps
 * the fixed windows in memory and tells how long until the next point frees up.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { ServiceError } from '../../shared/contract/errors';

export const MUTATIONS_PER_MINUTE = 300;

export interface RateLimiter {
  /** Takes one point for `key`; answers the 429 error when the budget is spent. */
  take(key: string): Promise<ServiceError | null>;
}

export function createRateLimiter(
  points = MUTATIONS_PER_MINUTE,
  durationSeconds = 60,
): RateLimiter {
  const limiter = new RateLimiterMemory({ points, duration: durationSeconds });
  return {
    async take(key) {
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
