/**
 * The one service: a table of methods (the contract in shared/contract) that every
 * transport — IPC, the local API, headless serve — calls through `call`, which validates
 * the parameters with the contract's schema before any handler sees them.
 */
import type { z } from 'zod';
import { err, type Result } from '../../shared/model/result';
import {
  isMethodName,
  methods,
  type MethodName,
  type MethodResult,
} from '../../shared/contract/methods';
import { serviceError, type ServiceError } from '../../shared/contract/errors';

/** Who is calling: a member of the open workspace (the owner, for the app's own window). */
export interface Caller {
  member: string | 'owner';
}

export type Handler<M extends MethodName> = (
  params: z.output<(typeof methods)[M]['params']>,
  caller: Caller,
) => Promise<Result<MethodResult<M>, ServiceError>>;

export type HandlerTable = { [M in MethodName]: Handler<M> };

export interface Service {
  call(method: string, params: unknown, caller: Caller): Promise<Result<unknown, ServiceError>>;
}

export function createService(handlers: HandlerTable): Service {
  return {
    async call(method, params, caller) {
      if (!isMethodName(method)) {
        return err(serviceError('not_found.unknown_method', `There is no method "${method}".`));
      }
      const parsed = methods[method].params.safeParse(params);
      if (!parsed.success) {
        return err(serviceError('bad_request.invalid_params', describeZodError(parsed.error)));
      }
      const handler = handlers[method] as Handler<MethodName>;
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
  };
}

function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'params'}: ${issue.message}`)
    .join('; ');
}
