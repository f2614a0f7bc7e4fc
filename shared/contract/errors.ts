/**
 * The error value every transport carries (SPEC E1): a `namespace.reason` code whose
 * namespace is the HTTP class, a human message, and typed extras.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
} as const;
export type ErrorNamespace = keyof typeof ERROR_STATUS;

export interface ServiceError {
  code: `${ErrorNamespace}.${string}`;
  message: string;
  existing_parent?: string;
  is_same?: boolean;
  object_ids?: string[];
  retry_after?: number;
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
