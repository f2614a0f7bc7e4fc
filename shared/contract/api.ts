/**
 * The typed client interface the renderer uses, derived from the contract: one async
 * function per method answering a Result. The preload bridge (Electron) and the HTTP twin
 * (serve mode) both implement it.
 */
import type { Result } from '../model/result';
import type { ServiceError } from './errors';
import type { MethodName, MethodParams, MethodResult } from './methods';

export type LinkgraphApi = {
  [M in MethodName]: (params?: MethodParams<M>) => Promise<Result<MethodResult<M>, ServiceError>>;
};
