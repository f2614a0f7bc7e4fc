/**
 * The SQL of a team workspace's log (team-log.ts): the workspace's advisory lock, the
 * statements that append a batch (with its NOTIFY and its request key's answer) and read the
 * batches after one, and the check that rows read follow on without a gap. Values are written
 * in with `literal` because these statements travel several to a round trip
 * (`Database.scripted`, `scriptOnce`), which takes no parameters.
 */
import { createHash } from 'node:crypto';
import type { ServiceError } from '../../shared/contract/errors';
import type { LoggedRecord, RequestKey } from '../service/workspace-session';
import { drain, type Steps } from '../../shared/engine/steps';
import { PARSE_SLICE_BYTES, parseJsonSteps, utf8Steps } from '../store/parse-json-steps';
import { literal, num, type Sql } from './database';

/** NOTIFY channel of committed batches: payload `{"w": workspace, "s": seq}`. */
export const BATCHES_CHANNEL = 'linkgraph_batches';

/** The workspace's advisory lock key: 64 bits of sha256, as a string (a bigint parameter). */
export function lockKey(workspace: string): string {
  const digest = createHash('sha256').update(`linkgraph/workspace/${workspace}`).digest();
  return digest.readBigInt64BE(0).toString();
}

/** The statement that takes the workspace's lock until the transaction ends. */
export const lockStatement = (workspace: string): string =>
  `SELECT pg_advisory_xact_lock(${lockKey(workspace)}::bigint)`;

export interface BatchRow {
  seq: unknown;
  record: string;
}

/** A stored answer's row (request_answers), as the careful write reads it. */
export interface AnswerRow {
  seq: unknown;
  fingerprint: string;
  answer: string;
}

export const corrupt = (workspace: string, detail: string): ServiceError => ({
  code: 'internal.store_corrupt',
  message: `The workspace ${workspace} cannot be read from the database: ${detail}. It will be opened again from the database at its next use.`,
});

export const closedError = (workspace: string): ServiceError => ({
  code: 'internal.store_closed',
  message: `The workspace ${workspace} is closed.`,
});

/** Parses rows read after `after`, checking they follow on without a gap (throws if not). */
export function loggedRecords(rows: readonly BatchRow[], after: number): LoggedRecord[] {
  return drain(loggedRecordSteps(rows, after));
}

/**
 * `loggedRecords` in steps: a yield after each row, and a large row (an imported plan's
 * first batch, tens of MB) parsed a run at a time (parse-json-steps.ts), so opening a large
 * team workspace does not hold the server's thread.
 */
export function* loggedRecordSteps(
  rows: readonly BatchRow[],
  after: number,
): Steps<LoggedRecord[]> {
  let expected = after + 1;
  const records: LoggedRecord[] = [];
  for (const row of rows) {
    const seq = num(row.seq);
    if (seq !== expected) throw new Error(`batch ${expected} is missing (found ${seq})`);
    expected++;
    const record =
      row.record.length > PARSE_SLICE_BYTES
        ? yield* parseJsonSteps(yield* utf8Steps(row.record))
        : (JSON.parse(row.record) as unknown);
    records.push({ seq, record });
    yield;
  }
  return records;
}

export const rowsAfter = (sql: Sql, workspace: string, after: number): Promise<BatchRow[]> =>
  sql.query<BatchRow>(
    'SELECT seq, record FROM batches WHERE workspace = $1 AND seq > $2 ORDER BY seq',
    [workspace, after],
  );

export const bytesOf = (rows: readonly BatchRow[]): number =>
  rows.reduce((n, r) => n + r.record.length, 0);

/**
 * The statements of a careful write's first round trip: the lock, the batches committed
 * after `after`, and the request key's stored answer (each statement sees what was committed
 * before it ran, so the reads after the lock miss nothing).
 */
export function catchUpStatements(
  workspace: string,
  after: number,
  request: RequestKey | undefined,
): string {
  const ws = literal(workspace);
  return [
    lockStatement(workspace),
    `SELECT seq, record FROM batches WHERE workspace = ${ws} AND seq > ${after} ORDER BY seq`,
    ...(request
      ? [
          `SELECT seq, fingerprint, answer FROM request_answers
           WHERE workspace = ${ws} AND member = ${literal(request.member)} AND key = ${literal(request.key)}`,
        ]
      : []),
  ].join(';\n');
}

/** The statements that append batch `seq`, NOTIFY it, and store the request key's answer. */
export function appendStatements(
  workspace: string,
  seq: number,
  text: string,
  request: RequestKey | undefined,
  answer: unknown,
): string[] {
  const ws = literal(workspace);
  // The notice is delivered to the listening instances when (and only if) the transaction
  // commits.
  const statements = [
    `WITH added AS (INSERT INTO batches (workspace, seq, record) VALUES (${ws}, ${seq}, ${literal(text)}) RETURNING seq)
     SELECT pg_notify(${literal(BATCHES_CHANNEL)}, ${literal(JSON.stringify({ w: workspace, s: seq }))}) FROM added`,
  ];
  if (request && answer !== undefined)
    statements.push(
      `INSERT INTO request_answers (workspace, member, key, fingerprint, seq, answer)
       VALUES (${ws}, ${literal(request.member)}, ${literal(request.key)}, ${literal(request.fingerprint)}, ${seq}, ${literal(JSON.stringify(answer))})`,
    );
  return statements;
}

/**
 * Forgets the request keys' answers stored more than `$1` seconds ago (team-retention.ts),
 * answering how many went. A retry after that is made as a new change.
 */
export const PRUNE_REQUEST_ANSWERS = `
WITH gone AS (
  DELETE FROM request_answers WHERE created_time < now() - make_interval(secs => $1) RETURNING 1
)
SELECT count(*) AS n FROM gone`;
