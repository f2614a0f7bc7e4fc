/**
 * The one service: a table of methods (the contract in shared/contract) that every
 * transport — IPC, the local API, Socket.IO, headless serve — calls through `call`, which
 * validates the parameters with the contract's schema before any handler sees them. Every
 * accepted change is also announced to `onDiff` listeners, which push it to other clients.
 */
import type { z } from 'zod';
import { paramsError, type Batch } from '../../shared/engine';
import { err, ok, type Result } from '../../shared/model/result';
import {
  isMethodName,
  methods,
  type MethodName,
  type MethodResult,
} from '../../shared/contract/methods';
import { serviceError, type ServiceError } from '../../shared/contract/errors';
import { textBytes } from './export-stream';

/** Who is calling, about which workspace, and from where. */
export interface Caller {
  /** A member id of the workspace. */
  member: string;
  /** The workspace to act on (default: the token's workspace, else the open one). */
  workspace?: string;
  /**
   * The only workspace the caller's token opens (a member's API token). Absent for the
   * person at the app (IPC) and the person's own tokens, which open every workspace.
   */
  boundTo?: string;
  /** An id of the calling connection, so its own diffs are not echoed back to it. */
  origin?: string;
  /**
   * The client's key for this change (`Idempotency-Key`), so that a retry after a lost answer
   * is answered the first answer instead of making the change twice (docs/team-server.md).
   */
  requestKey?: string;
}

export interface DiffNotice {
  workspace: string;
  batch: Batch;
  origin?: string;
  /**
   * [A4] The batch as `member` may see it, or null when nothing of it is theirs: judged as of
   * the change (a purged node's before-image only to members who could see it), whenever asked.
   */
  visibleTo(member: string): Batch | null;
}

export type Handler<M extends MethodName> = (
  params: z.output<(typeof methods)[M]['params']>,
  caller: Caller,
) => Promise<Result<MethodResult<M>, ServiceError>>;

/** A method's answer as a file whose bytes are streamed (GET /api/export). */
export interface FileAnswer {
  filename: string;
  mediaType: string;
  body: ReadableStream<Uint8Array>;
}

/** Methods whose answer is a file: the same method, answered as bytes (see `Service.file`). */
export type FileMethodName = 'export';
export type FileHandler<M extends FileMethodName> = (
  params: z.output<(typeof methods)[M]['params']>,
  caller: Caller,
) => Promise<Result<FileAnswer, ServiceError>>;

export type HandlerTable = { [M in MethodName]: Handler<M> } & {
  /** File answers of the methods that have one; without, `file` streams the text answer. */
  files?: { [M in FileMethodName]?: FileHandler<M> };
};

export interface Service {
  call(method: string, params: unknown, caller: Caller): Promise<Result<unknown, ServiceError>>;
  /**
   * `method`'s answer as a file streamed as bytes, for a transport that sends files (the local
   * API's GET /api/export): the same parameters, checks and typed errors as `call`; the file
   * is written as it is read where the handler table says how (`files`; export-stream.ts).
   */
  file(
    method: FileMethodName,
    params: unknown,
    caller: Caller,
  ): Promise<Result<FileAnswer, ServiceError>>;
  onDiff(listener: (notice: DiffNotice) => void): () => void;
  emitDiff(notice: DiffNotice): void;
}

export function createService(
  handlers: HandlerTable | ((service: Service) => HandlerTable),
): Service {
  const listeners = new Set<(notice: DiffNotice) => void>();
  const service: Service = {
    async call(method, params, caller) {
      if (!isMethodName(method)) {
        return err(serviceError('not_found.unknown_method', `There is no method "${method}".`));
      }
      const parsed = methods[method].params.safeParse(params, { reportInput: true });
      // Named the way SynapTask names them (invalid_uuid, title_too_long, ...), else invalid_params.
      if (!parsed.success) return err(paramsError(parsed.error));
      const handler = table[method] as Handler<MethodName>;
      try {
        return await handler(parsed.data as never, caller);
      } catch (error) {
        // A throw here is a bug, not an expected failure: answer a typed 500, keep the detail in the log.
        console.error(`[service] ${method} failed:`, error);
        return err(
          serviceError('internal.unexpected', `The service failed while handling ${method}.`),
        );
      }
    },
    async file(method, params, caller) {
      const parsed = methods[method].params.safeParse(params, { reportInput: true });
      if (!parsed.success) return err(paramsError(parsed.error));
      const handler = table.files?.[method];
      try {
        if (handler) return await handler(parsed.data, caller);
        const answer = await table[method](parsed.data, caller);
        if (!answer.ok) return answer;
        const { content, ...file } = answer.value;
        return ok({ ...file, body: textBytes(content) });
      } catch (error) {
        console.error(`[service] ${method} (file) failed:`, error);
        return err(
          serviceError('internal.unexpected', `The service failed while handling ${method}.`),
        );
      }
    },
    onDiff(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emitDiff(notice) {
      for (const listener of listeners) {
        try {
          listener(notice);
        } catch (error) {
          console.error('[service] a diff listener failed:', error);
        }
      }
    },
  };
  // Handlers may need the service itself (to announce diffs); calls only happen after this line.
  const table: HandlerTable = typeof handlers === 'function' ? handlers(service) : handlers;
  return service;
}
