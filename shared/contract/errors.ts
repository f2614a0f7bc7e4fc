/**
 * The error value every transport carries (SPEC E1). It is the engine's model — a
 * `namespace.reason` code whose namespace is the HTTP class, a human message and typed extras —
 * widened for errors that only transports and the store raise (body too large, disk full).
 */
import { ERROR_STATUS, type ErrorExtras, type ErrorNamespace } from '../engine/errors';

export { ERROR_STATUS, type ErrorNamespace };

export interface ServiceError extends ErrorExtras {
  code: `${ErrorNamespace}.${string}`;
  message: string;
  /** The HTTP status, when the error came from the engine (derivable from the code). */
  status?: number;
  /** DevRev's `request_entity_too_large` extra. */
  max_bytes?: number;
}

export function statusOf(code: string): number {
  const ns = code.split('.', 1)[0] as ErrorNamespace;
  return ERROR_STATUS[ns] ?? 500;
}

export function serviceError(
  code: ServiceError['code'],
  message: string,
  extras: Omit<ServiceError, 'code' | 'message'> = {},
): ServiceError {
  return { code, message, ...extras };
}
