/**
 * The service as the local API's transports see it (REST, DevRev routes, /rpc, Socket.IO):
 * every call names the budget it counts against, and the rate limit is applied here, once,
 * before the call reaches the service — so no route or event can forget it, and what counts
 * is the method table's classification (rate-limit.ts), not each transport's own list.
 */
import type { ServiceError } from '../../shared/contract/errors';
import { err, ok, type Result } from '../../shared/model/result';
import type { Caller, DiffNotice, FileAnswer, FileMethodName, Service } from '../service/service';
import { createReadQueue, type RateLimiter, type ReadQueue } from './rate-limit';

/**
 * Reads whose cost grows with the workspace: they wait their turn per token in the read queue
 * (rate-limit.ts), on every transport. Health is not a service call and never waits.
 */
export const EXPENSIVE_READ_METHODS: ReadonlySet<string> = new Set([
  'export',
  'graph.get',
  'graph.columns',
  'graph.outline',
  'history.list',
  'trash.list',
  'links.list',
]);

/**
 * A caller of the local API. `rateKey` is the calling token's budget; null only where the
 * server exempts the caller (the person at the editor over /rpc, `rpcExempt`). It is required,
 * so a new route or event cannot reach the service without saying whose budget it spends.
 */
export type ApiCaller = Caller & { rateKey: string | null };

export interface ApiService {
  call(method: string, params: unknown, caller: ApiCaller): Promise<Result<unknown, ServiceError>>;
  /** The method's answer as a streamed file (Service.file), behind the same limits as `call`. */
  file(
    method: FileMethodName,
    params: unknown,
    caller: ApiCaller,
  ): Promise<Result<FileAnswer, ServiceError>>;
  onDiff(listener: (notice: DiffNotice) => void): () => void;
}

export function rateLimitedService(
  service: Service,
  limiter: RateLimiter,
  reads: ReadQueue = createReadQueue(),
): ApiService {
  /**
   * The limits every call passes: the token's change budget, then, for an expensive read, its
   * turn in the read queue. Answers a refusal, or the release of the turn taken (if any).
   */
  const admit = async (
    method: string,
    rateKey: string | null,
    member: string,
  ): Promise<{ refused: ServiceError } | { release: () => void }> => {
    if (rateKey !== null) {
      const limited = await limiter.take(rateKey, method);
      if (limited) return { refused: limited };
    }
    if (!EXPENSIVE_READ_METHODS.has(method)) return { release: () => undefined };
    // An exempt caller (the person's own editor) still queues, in a lane of its own.
    const slot = await reads.acquire(rateKey ?? `member:${member}`);
    return 'refused' in slot ? slot : { release: () => slot.release() };
  };

  return {
    async call(method, params, { rateKey, ...caller }) {
      const admitted = await admit(method, rateKey, caller.member);
      if ('refused' in admitted) return err(admitted.refused);
      try {
        return await service.call(method, params, caller);
      } finally {
        admitted.release();
      }
    },
    async file(method, params, { rateKey, ...caller }) {
      const admitted = await admit(method, rateKey, caller.member);
      if ('refused' in admitted) return err(admitted.refused);
      let answer: Result<FileAnswer, ServiceError>;
      try {
        answer = await service.file(method, params, caller);
      } catch (error) {
        admitted.release();
        throw error;
      }
      if (!answer.ok) {
        admitted.release();
        return answer;
      }
      // The file is written piece by piece as it is read (export-stream.ts): the turn ends
      // with its last piece, not with its first, or one token could run any number at once.
      return ok({ ...answer.value, body: releasedAtEnd(answer.value.body, admitted.release) });
    },
    onDiff: (listener) => service.onDiff(listener),
  };
}

/** `body` as it is, calling `release` once it has ended: read to its end, failed or cancelled. */
function releasedAtEnd(
  body: ReadableStream<Uint8Array>,
  release: () => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: ReadableStreamReadResult<Uint8Array>;
        try {
          next = await reader.read();
        } catch (error) {
          release();
          controller.error(error);
          return;
        }
        if (next.done) {
          release();
          controller.close();
        } else controller.enqueue(next.value);
      },
      cancel(reason) {
        release();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
