/**
 * [E1] The one typed error model of every transport. A code is `namespace.reason`: the
 * namespace is the HTTP class, the reason SynapTask's (or DevRev's) documented error name.
 * Errors are values (see shared/model/result.ts), never throws.
 */

/** HTTP class of each namespace. */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  /** Raised by transports (request bodies, imports), never by a command. */
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  /** Raised by a team server whose database cannot be reached (carries `retry_after`). */
  unavailable: 503,
} as const;
export type ErrorNamespace = keyof typeof ERROR_STATUS;
export type ErrorCode = `${ErrorNamespace}.${string}`;

/** The typed extras the SPEC names; each is present only where it means something. */
export interface ErrorExtras {
  /** [C1] the parent the child is already attached to. */
  existing_parent?: string;
  /** [C1] whether `existing_parent` is the parent that was asked for. */
  is_same?: boolean;
  /** Ids the error is about (an existing link, a cycle's nodes, a blocker). */
  object_ids?: string[];
  /** The element (node or link id, as given) a several-at-once command was refused for. */
  element?: string;
  /** [X3] seconds until a rate-limited caller may retry. */
  retry_after?: number;
  /** [X5] a value outside its enum: the parameter, the value given and the values allowed. */
  field_name?: string;
  value?: string;
  allowed_values?: string[];
  /**
   * The engine refusal behind a refused file (`bad_request.invalid_snapshot`,
   * `bad_request.import_breaks_rules`): the code a command breaking the same rule gets.
   */
  rule?: ErrorCode;
  /**
   * A refused snapshot that does not hold together (`bad_request.invalid_snapshot`): an id
   * given twice, or a reference to a record that is not there.
   */
  defect?: 'duplicate_id' | 'dangling_reference';
}

export interface LinkError extends ErrorExtras {
  code: ErrorCode;
  status: number;
  message: string;
}

export function linkError(code: ErrorCode, message: string, extras: ErrorExtras = {}): LinkError {
  const ns = code.slice(0, code.indexOf('.')) as ErrorNamespace;
  return { code, status: ERROR_STATUS[ns] ?? 500, message, ...extras };
}

/** The reason part of a code: `conflict.duplicate_link` → `duplicate_link`. */
export function reasonOf(code: ErrorCode): string {
  return code.slice(code.indexOf('.') + 1);
}

/** DevRev's error `type` for each namespace, used when the reason has no DevRev name. */
const DEVREV_TYPE: Record<ErrorNamespace, string> = {
  bad_request: 'bad_request',
  unauthorized: 'unauthenticated',
  forbidden: 'forbidden',
  not_found: 'not_found',
  conflict: 'conflict',
  payload_too_large: 'request_entity_too_large',
  rate_limited: 'too_many_requests',
  internal: 'internal_error',
  unavailable: 'service_unavailable',
};

/** Reasons DevRev publishes under their own `type`. */
const DEVREV_NAMED = new Set(['artifact_already_attached_to_a_parent']);

export interface DevRevError extends ErrorExtras {
  type: string;
  message: string;
  /** The Linkgraph code, so a DevRev client can still tell refusals apart. */
  detail: string;
}

/**
 * [E1][X5] The same error in DevRev's shape (`{type, message, detail, ...extras}`). A value
 * outside its enum is DevRev's `invalid_enum_value` (with field_name, value, allowed_values).
 */
export function toDevRevError(e: Omit<LinkError, 'status'>): DevRevError {
  const ns = e.code.slice(0, e.code.indexOf('.')) as ErrorNamespace;
  const reason = reasonOf(e.code);
  const type = DEVREV_NAMED.has(reason)
    ? reason
    : e.allowed_values !== undefined
      ? 'invalid_enum_value'
      : (DEVREV_TYPE[ns] ?? 'internal_error');
  const out: DevRevError = { type, message: e.message, detail: e.code };
  if (e.existing_parent !== undefined) out.existing_parent = e.existing_parent;
  if (e.is_same !== undefined) out.is_same = e.is_same;
  if (e.object_ids !== undefined) out.object_ids = e.object_ids;
  if (e.element !== undefined) out.element = e.element;
  if (e.retry_after !== undefined) out.retry_after = e.retry_after;
  if (e.field_name !== undefined) out.field_name = e.field_name;
  if (e.value !== undefined) out.value = e.value;
  if (e.allowed_values !== undefined) out.allowed_values = e.allowed_values;
  return out;
}
