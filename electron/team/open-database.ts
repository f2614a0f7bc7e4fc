/**
 * The database a team server runs on: PostgreSQL at `--database postgres://…`, else PGlite
 * embedded in the data folder (`<data>/team-db/`).
 */
import { join } from 'node:path';
import type { Database } from './database';
import { openPglite } from './pglite-database';
import { openPostgres } from './pg-database';

export const EMBEDDED_FOLDER = 'team-db';

export function openDatabase(options: { url?: string; dataDir: string }): Promise<Database> {
  if (options.url) {
    if (!/^postgres(ql)?:\/\//.test(options.url))
      return Promise.reject(new Error('--database must be a postgres:// or postgresql:// URL.'));
    return openPostgres(options.url);
  }
  return openPglite(join(options.dataDir, EMBEDDED_FOLDER));
}
