/**
 * `Database` over PGlite (PostgreSQL compiled to WASM) in a folder of the data folder: the
 * embedded default, so one command starts a working server without installing PostgreSQL.
 *
 * Durability: PGlite starts PostgreSQL with fsync off (`-F`) and its Node file system
 * (Emscripten's NODEFS) has no fsync, so by default a commit reaches the OS but not the disk.
 * Here PostgreSQL runs with fsync on and `wal_sync_method=fsync`, and NODEFS's missing fsync
 * is supplied (`fs.fsyncSync` on the file's descriptor): every commit's WAL is on disk before
 * the commit answers, and checkpoints fsync the data files, as in a PostgreSQL server.
 *
 * One process per folder (PGlite is one single-user PostgreSQL in this process): the folder
 * is locked like a workspace folder (electron/store/workspace-lock.ts). Several instances
 * need a real PostgreSQL (`--database`).
 */
import { fsyncSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { lockWorkspace } from '../store/workspace-lock';
import type { Database, Sql } from './database';

/** How many fsyncs PGlite asked for (tests prove commits are synced). */
let fsyncCount = 0;
export const pgliteFsyncs = (): number => fsyncCount;

interface EmscriptenNodeFs {
  NODEFS: {
    stream_ops: { fsync?: (stream: { nfd?: number }) => number };
    tryFSOperation<T>(f: () => T): T;
  };
}

/** NODEFS with a real fsync (see the header). */
class DurableNodeFS extends NodeFS {
  override async init(...args: Parameters<NodeFS['init']>): ReturnType<NodeFS['init']> {
    const result = await super.init(...args);
    const opts = result.emscriptenOpts;
    opts.preRun = [
      ...(opts.preRun ?? []),
      (mod: unknown) => {
        const { NODEFS } = mod as EmscriptenNodeFs;
        NODEFS.stream_ops.fsync = (stream) => {
          fsyncCount++;
          const fd = stream.nfd;
          // A thrown ErrnoError becomes the errno fsync answers; PostgreSQL then refuses.
          if (fd !== undefined) NODEFS.tryFSOperation(() => fsyncSync(fd));
          return 0;
        };
      },
    ];
    return result;
  }
}

export async function openPglite(folder: string): Promise<Database> {
  mkdirSync(folder, { recursive: true });
  const lock = await lockWorkspace(folder);
  if (!lock.ok)
    throw new Error(
      `The embedded database in ${folder} is in use by ${lock.owner}. One server per data folder; ` +
        'several instances share a PostgreSQL server (--database postgres://…).',
    );
  let db: PGlite;
  try {
    db = new PGlite({
      fs: new DurableNodeFS(join(folder, 'pgdata')),
      startParams: [
        ...PGlite.defaultStartParams.filter((p) => p !== '-F'),
        '-c',
        'wal_sync_method=fsync',
      ],
    });
    await db.waitReady;
  } catch (error) {
    await lock.release();
    throw error;
  }
  const run = (on: PGlite | Transaction): Sql => ({
    async query<R extends object>(text: string, params: unknown[] = []) {
      return (await on.query<R>(text, params)).rows;
    },
    async exec(script) {
      await on.exec(script);
    },
  });
  return {
    kind: 'pglite',
    where: folder,
    ...run(db),
    transaction: (fn) => db.transaction((tx) => fn(run(tx))),
    // One process, no round trips to save: the same statements, in one transaction.
    scriptOnce: async (script) => {
      await db.transaction((tx) => tx.exec(script));
    },
    scripted: (opening, decide) =>
      db.transaction(async (tx) => {
        const { closing, value } = decide((await tx.exec(opening)).map((r) => r.rows));
        if (closing === null) await tx.rollback();
        else await tx.exec(closing);
        return value;
      }),
    async listen(channel, onNotify) {
      // One process: the connection never breaks, so there is nothing to resume.
      await db.listen(channel, onNotify);
    },
    async close() {
      try {
        await db.close();
      } finally {
        await lock.release();
      }
    },
  };
}
