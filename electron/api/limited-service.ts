/**
 * The service as the local API's transports see it (REST, DevRev routes, /rpc, Socket.IO):
 * every call names the budget it counts against, and the rate limit is applied here, once,
 * before the call reaches the service — so no route or event can forget it, and what counts
 * is the method table's classification (rate-limit.ts), not each transport's own list.
 */
import type { ServiceError } from '../../shared/contract/errors';
import { err, type Result } from '../../shared/model/result';
import type { Caller, DiffNotice, Service } from '../service/service';
import type { RateLimiter } from './rate-limit';

/**
 * A caller of the local API. `rateKey` is the calling token's budget; null only where the
 * server exempts the caller (the person at the editor over /rpc, `rpcExempt`). It is required,
 * so a new route or event cannot reach the service without saying whose budget it spends.
 */
export type ApiCaller = Caller & { rateKey: string | null };

export interface ApiService {
  call(method: string, params: unknown, caller: ApiCaller): Promise<Result<unknown, ServiceError>>;
  onDiff(listener: (notice: DiffNotice) => void): () => void;
}

export function rateLimitedService(service: Service, limiter: RateLimiter): ApiService {
  return {
    async call(method, params, { rateKey, ...caller }) {
      if (rateKey !== null) {
        const limited = await limiter.take(rateKey, method);
        if (limited) return err(limited);
      }
      return service.call(method, params, caller);
    },
    onDiff: (listener) => service.onDiff(listener),
  };
}
