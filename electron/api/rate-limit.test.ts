import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit';

describe('mutation rate limit', () => {
  it('[X3] allows the budget, then answers rate_limited with retry_after, per token', async () => {
    const limiter = createRateLimiter(3, 60);
    for (let i = 0; i < 3; i++) expect(await limiter.take('token-a')).toBeNull();
    const refused = await limiter.take('token-a');
    expect(refused?.code).toBe('rate_limited.too_many_requests');
    expect(refused?.retry_after).toBeGreaterThanOrEqual(59);
    expect(refused?.retry_after).toBeLessThanOrEqual(60);
    expect(await limiter.take('token-b')).toBeNull();
  });
});
