/**
 * Errors and problems the workspace store reports. Errors are values (see shared/model/result):
 * a caller of `append` or `compact` gets one of these instead of an exception, with a code the
 * service can pass straight through as a `ServiceError` (`internal.*` maps to HTTP 500).
 */
export type StoreErrorCode =
  | 'internal.disk_full'
  | 'internal.write_failed'
  | 'internal.store_corrupt'
  | 'internal.store_closed'
  | 'internal.store_locked'
  | 'internal.store_failed';

export interface StoreError {
  code: StoreErrorCode;
  message: string;
  /** The errno code behind it (ENOSPC, EIO, ...), when there was one. */
  errno?: string;
  /** The file the failing operation was on. */
  path?: string;
}

/**
 * Something found while opening a workspace. `error`: data was damaged and kept aside (the
 * person must be told); `warning`: something was repaired or missing but nothing acknowledged
 * was lost; `info`: an expected crash leftover was cleaned up (e.g. a torn, never-acknowledged
 * journal tail).
 */
export interface StoreProblem {
  severity: 'error' | 'warning' | 'info';
  code: 'internal.store_corrupt' | 'store.torn_tail' | 'store.missing_journal' | 'store.leftover';
  message: string;
  file: string;
  /** Where the damaged file (or a copy of it) was kept, relative to the workspace folder. */
  keptAs?: string;
}

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

function errnoOf(cause: unknown): string | undefined {
  if (typeof cause === 'object' && cause !== null && 'code' in cause) {
    const code = (cause as { code: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** Turns a thrown fs error into a store error with a message a person can act on. */
export function storeErrorFrom(cause: unknown, doing: string, path: string): StoreError {
  const errno = errnoOf(cause);
  const detail = cause instanceof Error ? cause.message : String(cause);
  if (errno && DISK_FULL.has(errno)) {
    return {
      code: 'internal.disk_full',
      message: `The disk is full: could not ${doing}. Nothing was changed; free some space and try again. (${detail})`,
      errno,
      path,
    };
  }
  return {
    code: 'internal.write_failed',
    message: `Could not ${doing}. Nothing was changed. (${detail})`,
    ...(errno ? { errno } : {}),
    path,
  };
}
