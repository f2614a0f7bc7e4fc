/**
 * The team server's database, whichever engine runs it: a real PostgreSQL through `pg`
 * (`--database postgres://…`) or PGlite, PostgreSQL compiled to WASM, embedded in the data
 * folder (the default). Both run the same SQL through this one interface, so the team store
 * has one code path (docs/team-server.md).
 */
import type { ServiceError } from '../../shared/contract/errors';

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

/** A database error as the service's typed error (the change, if any, was not made). */
export function databaseError(cause: unknown, doing: string): ServiceError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return {
    code: 'internal.database_failed',
    message: `The database could not ${doing}; nothing was changed. (${detail})`,
  };
}

/** A bigint column as a number (pg answers int8 as a string, PGlite as a number). */
export const num = (value: unknown): number => Number(value);
