/**
 * Schema migrations: the numbered SQL files in `migrations/` (`NNN_name.sql`), each applied
 * once, in order; a start applies all it lacks in one transaction, each with its row in
 * `schema_migrations`, so a failing file leaves the schema as it was. An
 * advisory lock makes instances starting at the same moment take turns, so each file runs
 * exactly once. A database whose schema is newer than this release (a file it does not
 * know) is refused rather than used.
 *
 * Why not a migration tool: node-pg-migrate and the like drive `pg` only, not PGlite, and
 * bring CLIs and config for what is here one loop over files (docs/team-server.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './database';

/** The lock key of schema changes (any constant no other lock of ours uses). */
const MIGRATION_LOCK = 7_316_001;
const FILE = /^(\d{3})_[a-z0-9_]+\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Where the SQL files are: beside this module (dev, tests) or copied beside the bundle. */
export function migrationsDir(): string {
  const here = import.meta.url;
  return fileURLToPath(
    here.endsWith('.ts') ? new URL('./migrations/', here) : new URL('./team-migrations/', here),
  );
}

export function readMigrations(dir = migrationsDir()): Migration[] {
  return readdirSync(dir)
    .filter((f) => FILE.test(f))
    .sort()
    .map((name) => ({
      version: Number(FILE.exec(name)?.[1]),
      name,
      sql: readFileSync(`${dir}/${name}`, 'utf8'),
    }));
}

/** Applies the migrations the database lacks; answers the names applied. */
export async function migrate(db: Database, migrations = readMigrations()): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         applied_time timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) =>
        Number(r.version),
      ),
    );
    const known = new Set(migrations.map((m) => m.version));
    const newer = [...done].filter((v) => !known.has(v));
    if (newer.length)
      throw new Error(
        `The database's schema is newer than this Linkgraph (migration ${Math.max(...newer)}); ` +
          'start the newer release instead.',
      );
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
      applied.push(m.name);
    }
    return applied;
  });
}
