/**
 * SPEC X3's mutation budget (300 a minute per token) shared by every instance of a team
 * server: a token's calls spread over two instances get one budget, not two. The budget of
 * a token's current window lives in one row (`rate_budgets`, migration 003), and instances
 * take points from it in small leases with one statement (INSERT … ON CONFLICT DO UPDATE …
 * RETURNING) — a round trip per lease, not per change: with the default budget an instance
 * asks the database once every 10 changes of a token, and a spent budget is answered 429 from
 * memory until the window ends.
 *
 * Never more than the budget is handed out in a window; a lease an instance holds but does
 * not use (at most lease − 1 points per instance) is not given to the others, so a token
 * whose calls move between instances may be refused a few points early. Windows are fixed, as
 * the per-instance limiter's are: they start with a token's first change and last
 * `durationSeconds` (the database's clock decides when one ends).
 */
import type { ServiceError } from '../../shared/contract/errors';
import { isMutation } from '../../shared/contract/method-names';
import { MUTATIONS_PER_MINUTE, type RateLimiter } from '../api/rate-limit';
import { databaseError, type Sql } from './database';

/** Points per lease: a 30th of the budget (10 of 300), at least one. */
export const leaseSize = (points: number): number => Math.max(1, Math.floor(points / 30));

// $1 key, $2 lease asked, $3 budget, $4 window seconds. In a window that ended, the row
// starts a new one; else it grants what the budget has left, up to the lease.
const TAKE_LEASE = `
INSERT INTO rate_budgets AS b (key, window_start, used, granted)
VALUES ($1, now(), LEAST($2::integer, $3::integer), LEAST($2::integer, $3::integer))
ON CONFLICT (key) DO UPDATE SET
  window_start = CASE WHEN b.window_start + make_interval(secs => $4) <= now()
                      THEN now() ELSE b.window_start END,
  used = CASE WHEN b.window_start + make_interval(secs => $4) <= now()
              THEN LEAST($2::integer, $3::integer)
              ELSE b.used + LEAST($2::integer, GREATEST($3::integer - b.used, 0)) END,
  granted = CASE WHEN b.window_start + make_interval(secs => $4) <= now()
                 THEN LEAST($2::integer, $3::integer)
                 ELSE LEAST($2::integer, GREATEST($3::integer - b.used, 0)) END
RETURNING granted,
  GREATEST(0, EXTRACT(EPOCH FROM (window_start + make_interval(secs => $4) - now())) * 1000)
    AS ms_left`;

/**
 * Removes the budgets whose window (`$1` seconds) has ended (team-retention.ts), answering
 * how many went. Such a row only waits to be restarted by its token's next change, which
 * inserts it afresh just the same; the row of a token never used again would stay forever.
 * A budget its token is taking from meanwhile is left: the DELETE waits for the row, then
 * finds its window new.
 */
export const PRUNE_RATE_BUDGETS = `
WITH gone AS (
  DELETE FROM rate_budgets WHERE window_start + make_interval(secs => $1) <= now() RETURNING 1
)
SELECT count(*) AS n FROM gone`;

interface Lease {
  /** Points this instance may still hand out in the window. */
  left: number;
  /** When the window ends, on this instance's clock (never later than the database's end). */
  ends: number;
  /** The database granted nothing: the window's budget is spent on every instance. */
  spent: boolean;
}

export function sharedRateLimiter(
  db: Sql,
  points = MUTATIONS_PER_MINUTE,
  durationSeconds = 60,
  lease = leaseSize(points),
): RateLimiter {
  const leases = new Map<string, Lease>();
  // One lease request per key at a time: calls arriving meanwhile wait for it.
  const asking = new Map<string, Promise<ServiceError | null>>();

  const refill = async (key: string): Promise<ServiceError | null> => {
    const sent = Date.now();
    try {
      const [row] = await db.query<{ granted: number; ms_left: number | string }>(TAKE_LEASE, [
        key,
        lease,
        points,
        durationSeconds,
      ]);
      if (!row) throw new Error('the rate budget was not answered');
      // Counted from before the question: the local end is never after the database's.
      const granted = Number(row.granted);
      leases.set(key, { left: granted, ends: sent + Number(row.ms_left), spent: granted === 0 });
      return null;
    } catch (cause) {
      return databaseError(cause, 'count the change against its rate limit');
    }
  };

  const refusal = (key: string): ServiceError => {
    const ends = leases.get(key)?.ends ?? Date.now() + durationSeconds * 1000;
    const retryAfter = Math.max(1, Math.ceil((ends - Date.now()) / 1000));
    return {
      code: 'rate_limited.too_many_requests',
      message: `Rate limit of ${points} changes a minute reached; retry in ${retryAfter} s.`,
      retry_after: retryAfter,
    };
  };

  return {
    async take(key, method) {
      if (!isMutation(method)) return null;
      for (;;) {
        const held = leases.get(key);
        if (held && held.ends > Date.now()) {
          if (held.left > 0) {
            held.left -= 1;
            return null;
          }
          // Spent on every instance: only the window's end helps, and no question is asked.
          if (held.spent) return refusal(key);
        } else if (held) leases.delete(key);
        // No lease here, or it is used up: ask the database for the next one (calls that
        // arrive meanwhile wait for the same answer, then take from it).
        let pending = asking.get(key);
        if (!pending) {
          pending = refill(key).finally(() => asking.delete(key));
          asking.set(key, pending);
        }
        const failed = await pending;
        if (failed) return failed;
      }
    },
  };
}
