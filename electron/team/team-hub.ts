/**
 * A team server's workspaces (docs/team-server.md): listed in the database, each opened on
 * first use from its latest snapshot plus the batches after it, and closed again after a
 * while unused, so memory holds only the workspaces in use. Several instances may serve the
 * same database:
 *
 * - A write serialises with every other instance's through the workspace's advisory lock
 *   and first applies what they committed (team-log.ts).
 * - Each commit NOTIFYs `{w, s}`; an instance holding that workspace, or with a client
 *   following it, reads the batches it lacks and announces each through `onExternal`, which
 *   the service turns into `graph:diff` for its own clients, filtered per member [A4].
 * - The list of workspaces, renames and deletions are announced the same way (their rows:
 *   team-workspace-rows.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceError } from '../../shared/contract/errors';
import type { WorkspaceInfo } from '../../shared/contract/methods';
import {
  createWorkspace,
  toSnapshot,
  toStoredSnapshot,
  type StoredSnapshot,
  type WorkspaceSnapshot,
} from '../../shared/engine';
import { err, ok, type Result } from '../../shared/model/result';
import type { Member } from '../../shared/model/types';
import type { Hub } from '../service/hub';
import { WorkspaceSession, type Committed } from '../service/workspace-session';
import { BATCHES_CHANNEL } from './batch-rows';
import { readBatchesSince, type BatchesSince } from './batches-since';
import { databaseError, num, type Database } from './database';
import { openTeamLog, type TeamLog } from './team-log';
import {
  ensureFirstWorkspace,
  insertWorkspace,
  newWorkspaceId,
  readOwner,
  readWorkspaceList,
  rememberOpenWorkspace,
  renameWorkspace,
  unlistWorkspace,
  WORKSPACES_CHANNEL,
} from './team-workspace-rows';

/** How long a workspace no one uses stays in memory (default). */
export const IDLE_CLOSE_MS = 10 * 60_000;

const notFound = (id: string): ServiceError => ({
  code: 'not_found.workspace_not_found',
  message: `No workspace ${id}.`,
});

interface Open {
  session: Promise<Result<WorkspaceSession, ServiceError>>;
  log?: TeamLog;
  lastUsed: number;
}

export interface TeamHubOptions {
  idleCloseMs?: number;
  /** Snapshot after this many bytes of batches (team-log.ts). */
  compactAfterBytes?: number;
  /** PostgreSQL's URL: snapshots are then built on a worker thread (team-snapshot.ts). */
  snapshotDatabaseUrl?: string;
}

export class TeamHub implements Hub {
  private readonly open = new Map<string, Open>();
  private workspaces: WorkspaceInfo[] = [];
  private openWorkspace: string | null = null;
  private readonly external = new Set<(workspace: string, committed: Committed) => void>();
  private following: (workspace: string) => boolean = () => false;
  private readonly catchingUp = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private sweeper: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(
    readonly db: Database,
    private readonly owner: Member,
    private readonly options: TeamHubOptions,
  ) {}

  /** The hub over a migrated database: its owner (the first start's), its list, its channels. */
  static async start(db: Database, options: TeamHubOptions = {}): Promise<TeamHub> {
    const hub = new TeamHub(db, await readOwner(db), options);
    await db.listen(
      BATCHES_CHANNEL,
      (payload) => hub.onBatchNotice(payload),
      () => hub.resume(),
    );
    await db.listen(
      WORKSPACES_CHANNEL,
      () => void hub.refreshList(),
      () => void hub.refreshList(),
    );
    await hub.refreshList();
    const idle = options.idleCloseMs ?? IDLE_CLOSE_MS;
    hub.sweeper = setInterval(() => void hub.closeIdle(idle), Math.max(1000, idle / 4));
    hub.sweeper.unref();
    return hub;
  }

  /** Listens for changes committed by other instances, as they are applied here. */
  onExternal(listener: (workspace: string, committed: Committed) => void): () => void {
    this.external.add(listener);
    return () => this.external.delete(listener);
  }

  /** Tells the hub which workspaces this instance's clients follow (the socket server knows). */
  setFollowing(following: (workspace: string) => boolean): void {
    this.following = following;
  }

  /** The server's owner: the person who runs it, the same on every instance. */
  profile(): Member {
    return this.owner;
  }

  list(): WorkspaceInfo[] {
    return this.workspaces.map((w) => ({ ...w }));
  }

  openId(): string | null {
    const listed = this.workspaces.find((w) => w.id === this.openWorkspace);
    return (listed ?? this.workspaces[0])?.id ?? null;
  }

  info(id: string): WorkspaceInfo | undefined {
    return this.workspaces.find((w) => w.id === id);
  }

  /** Workspaces open in memory here (for tests and health). */
  openIds(): string[] {
    return [...this.open.keys()];
  }

  session(id: string | null = this.openId()): Promise<Result<WorkspaceSession, ServiceError>> {
    if (!id) return Promise.resolve(err(notFound('')));
    return this.opened(id);
  }

  private async opened(id: string, upTo?: number): Promise<Result<WorkspaceSession, ServiceError>> {
    const known = this.open.get(id);
    if (known) {
      known.lastUsed = Date.now();
      return known.session;
    }
    // Made on another instance a moment ago: the list here may not have heard yet.
    if (!this.info(id)) await this.refreshList();
    if (!this.info(id)) return err(notFound(id));
    if (this.closed)
      return err({ code: 'internal.store_closed', message: 'The server is stopping.' });
    const entry: Open = { session: Promise.resolve(err(notFound(id))), lastUsed: Date.now() };
    entry.session = (async () => {
      const opened = await openTeamLog(this.db, id, {
        ...(upTo !== undefined ? { upTo } : {}),
        ...(this.options.compactAfterBytes !== undefined
          ? { compactAfterBytes: this.options.compactAfterBytes }
          : {}),
        ...(this.options.snapshotDatabaseUrl !== undefined
          ? { snapshotDatabaseUrl: this.options.snapshotDatabaseUrl }
          : {}),
        onBroken: () => void this.drop(id, entry),
      });
      if (!opened.ok) return opened;
      entry.log = opened.value.log;
      const session = WorkspaceSession.over(
        id,
        opened.value.state,
        opened.value.log,
        opened.value.problems,
      );
      session.onExternal((committed) => {
        for (const listener of this.external) listener(id, committed);
      });
      return ok(session);
    })();
    this.open.set(id, entry);
    // A failed open is not kept: the next call tries again.
    void entry.session.then((r) => !r.ok && this.open.get(id) === entry && this.open.delete(id));
    return entry.session;
  }

  /** A new, empty workspace owned by the server's owner. */
  create(name: string): Promise<Result<WorkspaceSession, ServiceError>> {
    return this.insert(name, toSnapshot(createWorkspace({ owner: this.owner })));
  }

  /** A new workspace whose genesis record is `snapshot` (an import). */
  createFrom(
    name: string,
    snapshot: WorkspaceSnapshot,
  ): Promise<Result<WorkspaceSession, ServiceError>> {
    return this.insert(name, snapshot);
  }

  /**
   * An imported workspace: the import worker writes it as a workspace folder (the file store's
   * compact form, checked by opening it once), here in a temporary folder; it is read back and
   * inserted as one new workspace, and the folder removed. Nothing is listed unless the insert
   * committed.
   */
  async createWritten(
    fill: (id: string, dir: string) => Promise<Result<string, ServiceError>>,
  ): Promise<Result<WorkspaceInfo, ServiceError>> {
    const dir = await mkdtemp(join(tmpdir(), 'linkgraph-import-'));
    try {
      const id = newWorkspaceId();
      const named = await fill(id, dir);
      if (!named.ok) return named;
      const written = await WorkspaceSession.open(id, dir);
      if (!written.ok) return written;
      // The compact form the file store and this server's snapshots keep: a quarter of the
      // exchange form's bytes at 100,000 nodes, and it loads in steps (docs/store.md).
      const snapshot = toStoredSnapshot(written.value.state);
      await written.value.close();
      const inserted = await this.insert(named.value, snapshot);
      if (!inserted.ok) return inserted;
      return ok({ id: inserted.value.id, name: named.value });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** The batches after `after` with their audiences (batches-since.ts). */
  batchesSince(
    workspace: string,
    after: number,
    limit: number,
  ): Promise<Result<BatchesSince, ServiceError>> {
    return readBatchesSince(this.db, workspace, after, limit);
  }

  /**
   * The first workspace of a new server, made once however many instances start together
   * (they take turns on one lock and the later ones find it made).
   */
  async ensureOne(name: string): Promise<Result<string, ServiceError>> {
    try {
      const id = await ensureFirstWorkspace(this.db, this.owner, name);
      await this.refreshList();
      return ok(id);
    } catch (cause) {
      return err(databaseError(cause, 'create the first workspace'));
    }
  }

  private async insert(
    name: string,
    genesis: WorkspaceSnapshot | StoredSnapshot,
  ): Promise<Result<WorkspaceSession, ServiceError>> {
    const id = newWorkspaceId();
    try {
      await this.db.transaction((tx) => insertWorkspace(tx, id, name, genesis));
    } catch (cause) {
      return err(databaseError(cause, 'create the workspace'));
    }
    await this.refreshList();
    return this.opened(id);
  }

  async setOpen(id: string): Promise<Result<WorkspaceInfo, ServiceError>> {
    const info = this.info(id);
    if (!info) return err(notFound(id));
    try {
      await rememberOpenWorkspace(this.db, id);
    } catch (cause) {
      return err(databaseError(cause, 'remember the open workspace'));
    }
    this.openWorkspace = id;
    return ok(info);
  }

  async rename(id: string, name: string): Promise<Result<WorkspaceInfo, ServiceError>> {
    if (!this.info(id)) return err(notFound(id));
    try {
      await renameWorkspace(this.db, id, name);
    } catch (cause) {
      return err(databaseError(cause, 'rename the workspace'));
    }
    await this.refreshList();
    return ok({ id, name });
  }

  /** Takes a workspace off the list; its batches stay in the database (never erased). */
  async remove(id: string): Promise<Result<{ deleted: string }, ServiceError>> {
    if (!this.info(id)) return err(notFound(id));
    try {
      await unlistWorkspace(this.db, id);
    } catch (cause) {
      return err(databaseError(cause, 'delete the workspace'));
    }
    const entry = this.open.get(id);
    if (entry) await this.drop(id, entry);
    await this.refreshList();
    return ok({ deleted: id });
  }

  async closeAll(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    await Promise.all([...this.catchingUp.values()]);
    for (const [id, entry] of [...this.open]) await this.drop(id, entry);
  }

  /** Closes the workspaces unused for `idleMs` that no client here follows. */
  async closeIdle(idleMs: number): Promise<string[]> {
    const now = Date.now();
    const closed: string[] = [];
    for (const [id, entry] of [...this.open]) {
      if (now - entry.lastUsed < idleMs || this.following(id) || this.catchingUp.has(id)) continue;
      await this.drop(id, entry);
      closed.push(id);
    }
    return closed;
  }

  private async drop(id: string, entry: Open): Promise<void> {
    if (this.open.get(id) === entry) this.open.delete(id);
    const session = await entry.session;
    if (session.ok) await session.value.close();
  }

  private async refreshList(): Promise<void> {
    try {
      const { workspaces, open } = await readWorkspaceList(this.db);
      this.workspaces = workspaces;
      this.openWorkspace = open;
    } catch (cause) {
      console.error(`[team] reading the list of workspaces: ${(cause as Error).message}`);
    }
  }

  /** A batch was committed (here or on another instance). */
  private onBatchNotice(payload: string): void {
    let notice: { w?: unknown; s?: unknown };
    try {
      notice = JSON.parse(payload) as { w?: unknown; s?: unknown };
    } catch {
      return;
    }
    const id = notice.w;
    const seq = num(notice.s);
    if (typeof id !== 'string' || !Number.isInteger(seq) || this.closed) return;
    const entry = this.open.get(id);
    // Known before the catch-up below runs, so a write meanwhile catches up first (team-log.ts).
    entry?.log?.noteHeard(seq);
    if (entry?.log && entry.log.seq >= seq) return; // our own commit, or already read
    if (!entry && !this.following(id)) return; // cold here and no one to tell: read at next open
    this.catchUpSoon(id, seq);
  }

  /**
   * Reads what `id` lacks, one catch-up at a time per workspace (notices arriving meanwhile
   * make it run once more). A workspace opened for a notice opens as of just before it, so
   * the noticed batch is announced like any other.
   */
  private catchUpSoon(id: string, seq?: number): void {
    if (this.catchingUp.has(id)) return void this.again.add(id);
    const run = (async () => {
      do {
        this.again.delete(id);
        const session = await this.opened(id, this.open.has(id) ? undefined : seq && seq - 1);
        if (!session.ok) break;
        const read = await session.value.catchUp();
        if (!read.ok) console.error(`[team] catching up ${id}: ${read.error.message}`);
      } while (this.again.has(id) && !this.closed);
    })().finally(() => this.catchingUp.delete(id));
    this.catchingUp.set(id, run);
  }

  /** After a break in notifications: every open workspace reads what it missed. */
  private resume(): void {
    void this.refreshList();
    for (const id of this.open.keys()) this.catchUpSoon(id);
  }
}
