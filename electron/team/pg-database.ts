/**
 * `Database` over a real PostgreSQL with `pg` (node-postgres): a pool for statements and
 * transactions, and one dedicated connection for LISTEN, reconnected with a growing pause
 * when it breaks (the caller is then told to catch up: notifications sent meanwhile are lost).
 */
import pg from 'pg';
import type { Database, Sql } from './database';

const MAX_RECONNECT_PAUSE_MS = 5000;

export async function openPostgres(
  url: string,
  options: { poolSize?: number } = {},
): Promise<Database> {
  // A connection that cannot be made in 5 s fails (and is answered 503, database.ts) rather
  // than holding the request while the server is unreachable.
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
  });
  // An idle client that loses its server emits here; the pool drops it and makes a new one.
  pool.on('error', (error) => console.error(`[team] database connection lost: ${error.message}`));
  // Fail now, with the server's own reason, rather than at the first request.
  const probe = await pool.connect();
  probe.release();

  const listeners = new Map<string, { onNotify: (p: string) => void; onResume?: () => void }>();
  let listener: pg.Client | null = null;
  let closed = false;
  let pause = 100;

  const connectListener = async (resumed: boolean): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (n) => listeners.get(n.channel)?.onNotify(n.payload ?? ''));
    const reconnect = () => {
      if (closed || listener !== client) return;
      listener = null;
      setTimeout(() => void retry(), pause);
      pause = Math.min(pause * 2, MAX_RECONNECT_PAUSE_MS);
    };
    client.on('error', (error) => {
      console.error(`[team] notification connection lost: ${error.message}`);
      reconnect();
    });
    client.on('end', reconnect);
    await client.connect();
    listener = client;
    for (const channel of listeners.keys()) await client.query(`LISTEN ${quoteIdent(channel)}`);
    pause = 100;
    if (resumed) for (const l of listeners.values()) l.onResume?.();
  };
  const retry = async (): Promise<void> => {
    if (closed) return;
    try {
      await connectListener(true);
    } catch (error) {
      console.error(`[team] reconnecting for notifications: ${(error as Error).message}`);
      setTimeout(() => void retry(), pause);
      pause = Math.min(pause * 2, MAX_RECONNECT_PAUSE_MS);
    }
  };

  const run = (client: pg.Pool | pg.PoolClient): Sql => ({
    async query<R extends object>(text: string, params: unknown[] = []) {
      return (await client.query(text, params)).rows as R[];
    },
    async exec(script) {
      await client.query(script);
    },
  });

  /**
   * Runs `fn` on a connection of the pool inside BEGIN … (its own ending) and rolls back when
   * it throws.
   */
  const onConnection = async <T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    let broken: Error | undefined;
    // The pool listens for errors of idle connections only: a checked-out one that loses its
    // server between two statements (PostgreSQL shutting down) would otherwise throw an
    // uncaught 'error' and stop the process. The next statement fails and rolls back.
    const lost = (error: Error) => (broken ??= error);
    client.on('error', lost);
    try {
      return await fn(client);
    } catch (error) {
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw error;
    } finally {
      client.off('error', lost);
      // A connection that failed its ROLLBACK (or was lost) is in an unknown state: the
      // pool drops it.
      client.release(broken);
    }
  };

  return {
    kind: 'postgres',
    where: redact(url),
    ...run(pool),
    transaction: (fn) =>
      onConnection(async (client) => {
        await client.query('BEGIN');
        const value = await fn(run(client));
        await client.query('COMMIT');
        return value;
      }),
    scriptOnce: (script) =>
      onConnection(async (client) => {
        await client.query(`BEGIN; ${script}; COMMIT`);
      }),
    scripted: (opening, decide) =>
      onConnection(async (client) => {
        // A script without parameters goes as one simple query: its statements travel and
        // are answered together, each with its own snapshot (READ COMMITTED), in order.
        const opened = rowsOf(await client.query(`BEGIN; ${opening}`)).slice(1);
        const { closing, value } = decide(opened);
        await client.query(closing === null ? 'ROLLBACK' : `${closing}; COMMIT`);
        return value;
      }),
    async listen(channel, onNotify, onResume) {
      listeners.set(channel, { onNotify, ...(onResume ? { onResume } : {}) });
      if (!listener) await connectListener(false);
      else await listener.query(`LISTEN ${quoteIdent(channel)}`);
    },
    async close() {
      closed = true;
      const client = listener;
      listener = null;
      await client?.end().catch(() => undefined);
      await pool.end();
    },
  };
}

/** The rows of each statement of a simple query (pg answers one result, or an array of them). */
const rowsOf = (result: pg.QueryResult | pg.QueryResult[]): Record<string, unknown>[][] =>
  (Array.isArray(result) ? result : [result]).map((r) => r.rows as Record<string, unknown>[]);

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The URL without its password, for messages and logs. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the database URL';
  }
}
