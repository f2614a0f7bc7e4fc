/**
 * What a team server forgets, and when (docs/team-server.md, "Retention"): the request keys'
 * stored answers after 24 hours, and the rate budgets whose window has ended. Batches,
 * snapshots, workspaces and tokens are never pruned here.
 *
 * Each instance runs a pass every hour (the first a minute after its start). One pass at a
 * time across the instances is enough: a pass takes a transaction-scoped advisory lock with
 * `pg_try_advisory_xact_lock` and an instance that does not get it skips its turn. Two passes
 * at once would still be harmless (each DELETE's WHERE is on age: running it twice removes
 * nothing more). `stop()` clears the timer and waits for a pass under way, so a closing
 * server leaves no timer or query behind.
 */
import type { ServiceError } from '../../shared/contract/errors';
import { err, ok, type Result } from '../../shared/model/result';
import { lockKey, PRUNE_REQUEST_ANSWERS } from './batch-rows';
import { databaseError, num, type Database } from './database';
import { PRUNE_RATE_BUDGETS } from './team-rate-limit';

/**
 * How long a request key's answer is kept. The IETF draft "The Idempotency-Key HTTP Header
 * Field" leaves the expiry to the server (it should publish it); Stripe keeps keys 24 hours.
 * A client retries within seconds to minutes; a day also covers a laptop that slept.
 */
export const REQUEST_ANSWER_RETENTION_S = 24 * 60 * 60;
/** How often an instance prunes, and how long after its start the first pass runs. */
export const PRUNE_EVERY_MS = 60 * 60_000;
export const FIRST_PRUNE_AFTER_MS = 60_000;

/** Bounds of `--keep-request-answers`: a minute covers a quick retry; a year is plenty. */
const KEEP_ANSWERS_MIN_S = 60;
const KEEP_ANSWERS_MAX_S = 365 * 24 * 60 * 60;
const UNIT_S = { s: 1, m: 60, h: 60 * 60, d: 24 * 60 * 60 } as const;

/**
 * `--keep-request-answers DURATION` of `npm run server`: how long a request key's answer is
 * kept, as a whole number and a unit (`90m`, `36h`, `7d`, `3600s`). Answers the seconds.
 */
export function parseKeepRequestAnswers(value: string): Result<number, string> {
  const match = /^(\d{1,9})([smhd])$/.exec(value.trim());
  const seconds = match ? Number(match[1]) * UNIT_S[match[2] as keyof typeof UNIT_S] : NaN;
  if (!(seconds >= KEEP_ANSWERS_MIN_S && seconds <= KEEP_ANSWERS_MAX_S))
    return err(
      `--keep-request-answers must be a duration from 1m to 365d, as a number and s, m, h or d (e.g. 36h), got "${value}".`,
    );
  return ok(seconds);
}

export interface RetentionOptions {
  /** Seconds a request key's answer is kept (default 24 h). */
  requestAnswersSeconds?: number;
  /** The rate limit's window in seconds (default 60): a budget whose window ended goes. */
  rateWindowSeconds?: number;
  everyMs?: number;
  firstAfterMs?: number;
}

/** What one pass removed (null: another instance was pruning, this one skipped). */
export interface Pruned {
  requestAnswers: number;
  rateBudgets: number;
}

const PRUNING_LOCK = lockKey('(pruning)');

/** One pass: removes what is past its retention. */
export async function pruneOnce(
  db: Database,
  options: RetentionOptions = {},
): Promise<Result<Pruned | null, ServiceError>> {
  const answersS = options.requestAnswersSeconds ?? REQUEST_ANSWER_RETENTION_S;
  const windowS = options.rateWindowSeconds ?? 60;
  try {
    const pruned = await db.transaction(async (tx) => {
      const [lock] = await tx.query<{ got: boolean }>(
        'SELECT pg_try_advisory_xact_lock($1) AS got',
        [PRUNING_LOCK],
      );
      if (!lock?.got) return null;
      const [answers] = await tx.query<{ n: unknown }>(PRUNE_REQUEST_ANSWERS, [answersS]);
      const [budgets] = await tx.query<{ n: unknown }>(PRUNE_RATE_BUDGETS, [windowS]);
      return { requestAnswers: num(answers?.n), rateBudgets: num(budgets?.n) };
    });
    return ok(pruned);
  } catch (cause) {
    return err(databaseError(cause, 'remove expired request answers and rate budgets'));
  }
}

export interface Pruning {
  /** Runs a pass now (after the one under way, if any). */
  runNow(): Promise<Result<Pruned | null, ServiceError>>;
  /** Stops the timer and waits for a pass under way. */
  stop(): Promise<void>;
}

/** Prunes every `everyMs` until stopped; a failed pass is logged and tried at the next turn. */
export function startPruning(db: Database, options: RetentionOptions = {}): Pruning {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<Result<Pruned | null, ServiceError>> = Promise.resolve(ok(null));

  const run = (): Promise<Result<Pruned | null, ServiceError>> => {
    running = running.then(async () => {
      const pruned = await pruneOnce(db, options);
      if (!pruned.ok) console.error(`[team] pruning: ${pruned.error.message}`);
      return pruned;
    });
    return running;
  };
  // The next pass is planned when one ends, so passes never overlap on one instance.
  const plan = (ms: number): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      void run().then(() => plan(options.everyMs ?? PRUNE_EVERY_MS));
    }, ms);
    // A pass alone never keeps the process alive.
    timer.unref();
  };
  plan(options.firstAfterMs ?? FIRST_PRUNE_AFTER_MS);

  return {
    runNow: run,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
