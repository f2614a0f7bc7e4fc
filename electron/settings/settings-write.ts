/**
 * Writing settings as a value, not a throw: conf (and electron-store) throw whatever the file
 * system throws when `settings.json` cannot be rewritten (a full disk, a read-only folder).
 * That is an expected failure a person can act on, so it becomes the same typed error the
 * workspace store answers (`internal.disk_full`, `internal.write_failed`), and the file is as
 * it was (conf writes a temp file and renames it into place).
 */
import type { ServiceError } from '../../shared/contract/errors';
import { err, ok, type Result } from '../../shared/model/result';
import { storeErrorFrom } from '../store/store-errors';
import type { Settings } from './schema';

/** True for an error thrown by the file system (it carries an errno code such as ENOSPC). */
export function isStorageFailure(cause: unknown): cause is Error & { code: string } {
  const code = (cause as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code);
}

/** The typed error for a settings write the file system refused. */
export function settingsWriteError(cause: unknown, path: string): ServiceError {
  const { code, message } = storeErrorFrom(cause, 'save the settings', path);
  return { code, message };
}

/** The part of a settings store a write needs. */
export interface WritableSettings {
  set(values: Partial<Settings>): void;
  readonly path: string;
}

/**
 * Writes `values` in one rewrite of the file (all of them or none). A schema violation is a
 * bug in the caller and still throws.
 */
export function saveSettings(
  settings: WritableSettings,
  values: Partial<Settings>,
): Result<void, ServiceError> {
  try {
    settings.set(values);
    return ok(undefined);
  } catch (cause) {
    if (!isStorageFailure(cause)) throw cause;
    return err(settingsWriteError(cause, settings.path));
  }
}
