/**
 * The team server's database, whichever engine runs it: a real PostgreSQL through `pg`
 * (`--database postgres://…`) or PGlite, PostgreSQL compiled to WASM, embedded in the data
 * folder (the default). Both run the same SQL through this one interface, so the team store
 * has one code path (docs/team-server.md).
 */
import type { ServiceError } from '../../shared/contract/errors';
import pg from 'pg';

/** Runs statements: `query` one (with `$1…` parameters), `exec` a script of several. */
export interface Sql {
  query<R extends object = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  exec(script: string): Promise<void>;
}

export interface Database extends Sql {
  readonly kind: 'postgres' | 'pglite';
  /** Where it is, for messages (a URL without its password, or the folder). */
  readonly where: string;
  /**
   * Runs `fn` in one transaction: committed when `fn` resolves (and durable when this
   * resolves), rolled back when it throws (the error is rethrown).
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * One transaction in two round trips, for the hot write path (team-log.ts): BEGIN and
   * `opening` are sent together and the rows of each of `opening`'s statements handed to
   * `decide`, whose `closing` statements are sent together with COMMIT (null: nothing to
   * write, rolled back). Both are scripts without parameters: values are written in with
   * `literal`. Resolves once committed (durable), rejects after a rollback.
   */
  /**
   * `script` (statements without parameters) as one transaction in one round trip: sent with
   * its BEGIN and COMMIT, resolved once committed (durable), rejected after a rollback.
   */
  scriptOnce(script: string): Promise<void>;
  scripted<T>(
    opening: string,
    decide: (rows: Record<string, unknown>[][]) => { closing: string | null; value: T },
  ): Promise<T>;
  /**
   * Calls `onNotify` with each NOTIFY payload on `channel`. `onResume` is called when the
   * listening connection came back after a break, during which notifications may have been
   * missed (the caller then catches up from the tables).
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onResume?: () => void,
  ): Promise<void>;
  close(): Promise<void>;
}

/**
 * `value` as an SQL string literal, for the scripts of `Database.scripted` (sent without
 * parameters so that several statements travel in one round trip). Quoting is node-postgres's
 * own `escapeLiteral` (doubled quotes; the E'' form for a backslash, read the same whatever
 * `standard_conforming_strings` says). A NUL (which no PostgreSQL text may hold) is refused.
 */
export function literal(value: string): string {
  if (value.includes('\0')) throw new Error('a text value may not contain NUL');
  return pg.escapeLiteral(value);
}

/** Seconds a client is told to wait while the database cannot be reached (Retry-After). */
export const UNAVAILABLE_RETRY_AFTER_S = 2;

// PostgreSQL's SQLSTATEs of a server going away or not taking connections: class 08
// (connection exception), 57P01-57P03 (shut down by the administrator, crashed, starting
// up), 53300 (too many connections).
const UNREACHABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
const UNREACHABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);
const UNREACHABLE_MESSAGE =
  /Connection terminated|connection error|timeout exceeded when trying to connect|Client was closed|not queryable/i;

/**
 * Whether `cause` says the database cannot be reached right now (restarting, down, the
 * connection cut), as opposed to refusing a statement: the first passes by itself.
 */
export function isUnreachable(cause: unknown): boolean {
  if (!(cause instanceof Error)) return false;
  const { code } = cause as Error & { code?: unknown };
  if (typeof code === 'string' && (UNREACHABLE_SQLSTATE.test(code) || UNREACHABLE_ERRNO.has(code)))
    return true;
  // An AggregateError (each address refused) or a wrapped cause.
  const inner = (cause as Error & { errors?: unknown[] }).errors ?? [];
  if (inner.some(isUnreachable) || (cause.cause !== undefined && isUnreachable(cause.cause)))
    return true;
  return UNREACHABLE_MESSAGE.test(cause.message);
}

/** The answer while the database cannot be reached: 503 with a retry hint; nothing changed. */
export function unavailableError(doing: string): ServiceError {
  return {
    code: 'unavailable.database_unreachable',
    message: `The database cannot be reached just now, so the server could not ${doing}; nothing was changed. Try again in a moment.`,
    retry_after: UNAVAILABLE_RETRY_AFTER_S,
  };
}

/**
 * A database error as the service's typed error (the change, if any, was not made):
 * `unavailable` (503 + Retry-After) when the database cannot be reached, else `internal`.
 */
export function databaseError(cause: unknown, doing: string): ServiceError {
  if (isUnreachable(cause)) return unavailableError(doing);
  const detail = cause instanceof Error ? cause.message : String(cause);
  return {
    code: 'internal.database_failed',
    message: `The database could not ${doing}; nothing was changed. (${detail})`,
  };
}

/** Whether `cause` is PostgreSQL's unique_violation (23505): a key is already taken. */
export const isUniqueViolation = (cause: unknown): boolean =>
  (cause as { code?: unknown } | null)?.code === '23505';

/** A bigint column as a number (pg answers int8 as a string, PGlite as a number). */
export const num = (value: unknown): number => Number(value);
