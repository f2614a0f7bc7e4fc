/**
 * The team server's list of workspaces as rows in the database (docs/team-server.md): the
 * server's owner, the workspaces (a new one with its genesis batch, renamed, taken off the
 * list), and which one is open. Every change to the list NOTIFYs `linkgraph_workspaces` in
 * its transaction, so every instance re-reads the list (team-hub.ts) once it committed.
 */
import { randomBytes } from 'node:crypto';
import type { WorkspaceInfo } from '../../shared/contract/methods';
import {
  createWorkspace,
  toSnapshot,
  type StoredSnapshot,
  type WorkspaceSnapshot,
} from '../../shared/engine';
import type { Member } from '../../shared/model/types';
import { newProfile } from '../service/workspace-hub';
import { lockKey } from './batch-rows';
import type { Database } from './database';

export const WORKSPACES_CHANNEL = 'linkgraph_workspaces';

type Queries = { query: Database['query'] };

export const newWorkspaceId = (): string => `ws-${randomBytes(4).toString('hex')}`;

/** The server's owner: made by the first start, the same for every instance after it. */
export async function readOwner(db: Database): Promise<Member> {
  await db.query(
    `INSERT INTO server_values (key, value) VALUES ('owner', $1) ON CONFLICT (key) DO NOTHING`,
    [JSON.stringify(newProfile())],
  );
  const [row] = await db.query<{ value: string }>(
    `SELECT value FROM server_values WHERE key = 'owner'`,
  );
  return JSON.parse(row?.value ?? 'null') as Member;
}

/** The listed workspaces, oldest first, and the one remembered as open (if any). */
export async function readWorkspaceList(
  db: Database,
): Promise<{ workspaces: WorkspaceInfo[]; open: string | null }> {
  const rows = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM workspaces WHERE deleted_time IS NULL ORDER BY created_time, id',
  );
  const [open] = await db.query<{ value: string }>(
    `SELECT value FROM server_values WHERE key = 'open_workspace'`,
  );
  return { workspaces: rows.map((r) => ({ id: r.id, name: r.name })), open: open?.value ?? null };
}

/**
 * A new workspace whose first batch is its genesis record: in the exchange form for a new
 * empty workspace, in the stored (compact) form for an imported plan; both load as a genesis.
 */
export async function insertWorkspace(
  tx: Queries,
  id: string,
  name: string,
  genesis: WorkspaceSnapshot | StoredSnapshot,
): Promise<void> {
  await tx.query('INSERT INTO workspaces (id, name) VALUES ($1, $2)', [id, name]);
  await tx.query('INSERT INTO batches (workspace, seq, record) VALUES ($1, 1, $2)', [
    id,
    JSON.stringify({ genesis }),
  ]);
  await tx.query('SELECT pg_notify($1, $2)', [WORKSPACES_CHANNEL, id]);
}

/**
 * The first workspace of a new server, made once however many instances start together
 * (they take turns on one lock and the later ones find it made). Answers its id.
 */
export function ensureFirstWorkspace(db: Database, owner: Member, name: string): Promise<string> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [lockKey('(first workspace)')]);
    const [first] = await tx.query<{ id: string }>(
      'SELECT id FROM workspaces WHERE deleted_time IS NULL ORDER BY created_time, id LIMIT 1',
    );
    if (first) return first.id;
    const made = newWorkspaceId();
    await insertWorkspace(tx, made, name, toSnapshot(createWorkspace({ owner })));
    return made;
  });
}

export async function rememberOpenWorkspace(db: Database, id: string): Promise<void> {
  await db.query(
    `INSERT INTO server_values (key, value) VALUES ('open_workspace', $1)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    [id],
  );
}

export function renameWorkspace(db: Database, id: string, name: string): Promise<void> {
  return db.transaction(async (tx) => {
    await tx.query('UPDATE workspaces SET name = $2 WHERE id = $1', [id, name]);
    await tx.query('SELECT pg_notify($1, $2)', [WORKSPACES_CHANNEL, id]);
  });
}

/** Takes a workspace off the list; its batches stay in the database (never erased). */
export function unlistWorkspace(db: Database, id: string): Promise<void> {
  return db.transaction(async (tx) => {
    await tx.query('UPDATE workspaces SET deleted_time = now() WHERE id = $1', [id]);
    await tx.query('SELECT pg_notify($1, $2)', [WORKSPACES_CHANNEL, id]);
  });
}
