/**
 * The workspaces of a data folder: their list (in settings), their folders, and the sessions
 * currently open. Creating, renaming and deleting go through here; a deleted workspace's
 * folder is moved aside, never erased (SPEC S1: data is never lost).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { ServiceError } from '../../shared/contract/errors';
import type { WorkspaceInfo } from '../../shared/contract/methods';
import { err, ok, type Result } from '../../shared/model/result';
import type { Member } from '../../shared/model/types';
import type { WorkspaceSnapshot } from '../../shared/engine';
import type { SettingsStore } from '../settings/open-settings';
import type { WorkspaceEntry } from '../settings/schema';
import { openWorkspaceFiles } from '../store';
import { foldModuleUrl } from './workspace-fold';
import { WorkspaceSession } from './workspace-session';

export const workspaceDir = (dataDir: string, id: string): string =>
  join(dataDir, 'workspaces', id);

export class WorkspaceHub {
  private readonly sessions = new Map<string, Promise<Result<WorkspaceSession, ServiceError>>>();

  constructor(
    readonly dataDir: string,
    private readonly settings: SettingsStore,
  ) {}

  /** The person using the app (created on first start). */
  profile(): Member {
    const existing = this.settings.get('profile');
    if (existing) return existing;
    const name = safeUsername();
    const profile = { id: randomUUID(), username: name, email: `${name}@linkgraph.local` };
    this.settings.set('profile', profile);
    return profile;
  }

  list(): WorkspaceInfo[] {
    return this.settings.get('workspaces').map(({ id, name }) => ({ id, name }));
  }

  openId(): string | null {
    const list = this.settings.get('workspaces');
    const wanted = this.settings.get('openWorkspace');
    return (list.find((w) => w.id === wanted) ?? list[0])?.id ?? null;
  }

  info(id: string): WorkspaceInfo | undefined {
    return this.list().find((w) => w.id === id);
  }

  /** The open session of a workspace (opening it on first use). */
  session(id: string | null = this.openId()): Promise<Result<WorkspaceSession, ServiceError>> {
    if (!id || !this.info(id)) {
      return Promise.resolve(
        err({ code: 'not_found.workspace_not_found', message: `No workspace ${id ?? ''}.` }),
      );
    }
    let opening = this.sessions.get(id);
    if (!opening) {
      opening = WorkspaceSession.open(id, workspaceDir(this.dataDir, id));
      this.sessions.set(id, opening);
      // A failed open is not cached: the next call tries again (the person may have fixed the disk).
      void opening.then((r) => !r.ok && this.sessions.delete(id));
    }
    return opening;
  }

  async create(name: string): Promise<Result<WorkspaceSession, ServiceError>> {
    const id = `ws-${randomBytes(4).toString('hex')}`;
    const dir = workspaceDir(this.dataDir, id);
    mkdirSync(dir, { recursive: true });
    const opened = await WorkspaceSession.open(id, dir, { owner: this.profile() });
    return opened.ok ? this.register(name, opened.value) : opened;
  }

  /**
   * A new workspace whose genesis record is `snapshot` (an import, docs/exchange.md). The
   * caller has already loaded it with the engine; the record is written durably first, then
   * the workspace is opened through the same path as any other, and only then listed, so a
   * failed write leaves no half-made workspace in the list (its folder is moved aside).
   */
  async createFrom(
    name: string,
    snapshot: WorkspaceSnapshot,
  ): Promise<Result<WorkspaceSession, ServiceError>> {
    const id = `ws-${randomBytes(4).toString('hex')}`;
    const dir = workspaceDir(this.dataDir, id);
    mkdirSync(dir, { recursive: true });
    const files = await openWorkspaceFiles(dir, { fold: { modulePath: foldModuleUrl() } });
    if (!files.ok) return this.abandon(id, files.error);
    const written = await files.value.store.append({ genesis: snapshot });
    const closed = await files.value.store.close();
    if (!written.ok) return this.abandon(id, written.error);
    if (!closed.ok) return this.abandon(id, closed.error);
    const opened = await WorkspaceSession.open(id, dir);
    return opened.ok ? this.register(name, opened.value) : this.abandon(id, opened.error);
  }

  /** Moves the folder of a workspace that could not be made aside (never erased, SPEC S1). */
  private abandon(id: string, error: ServiceError): Result<never, ServiceError> {
    const dir = workspaceDir(this.dataDir, id);
    try {
      if (existsSync(dir))
        renameSync(dir, join(this.dataDir, 'workspaces', `.failed-${id}-${Date.now()}`));
    } catch (cause) {
      // The original error is what the person needs; the leftover folder is never listed.
      console.error(`[hub] could not move ${dir} aside: ${(cause as Error).message}`);
    }
    return err(error);
  }

  private register(name: string, session: WorkspaceSession): Result<WorkspaceSession, never> {
    const { id } = session;
    const opened = ok(session);
    const entry: WorkspaceEntry = { id, name, created_time: new Date().toISOString() };
    this.settings.set('workspaces', [...this.settings.get('workspaces'), entry]);
    this.sessions.set(id, Promise.resolve(opened));
    return opened;
  }

  setOpen(id: string): Result<WorkspaceInfo, ServiceError> {
    const info = this.info(id);
    if (!info)
      return err({ code: 'not_found.workspace_not_found', message: `No workspace ${id}.` });
    this.settings.set('openWorkspace', id);
    return ok(info);
  }

  rename(id: string, name: string): Result<WorkspaceInfo, ServiceError> {
    if (!this.info(id))
      return err({ code: 'not_found.workspace_not_found', message: `No workspace ${id}.` });
    this.settings.set(
      'workspaces',
      this.settings.get('workspaces').map((w) => (w.id === id ? { ...w, name } : w)),
    );
    return ok({ id, name });
  }

  /** Removes a workspace from the list; its folder is kept as `workspaces/.deleted-<id>-<time>`. */
  async remove(id: string): Promise<Result<{ deleted: string }, ServiceError>> {
    if (!this.info(id))
      return err({ code: 'not_found.workspace_not_found', message: `No workspace ${id}.` });
    const open = this.sessions.get(id);
    this.sessions.delete(id);
    const session = await open;
    if (session?.ok) await session.value.close();
    const dir = workspaceDir(this.dataDir, id);
    if (existsSync(dir)) {
      renameSync(dir, join(this.dataDir, 'workspaces', `.deleted-${id}-${Date.now()}`));
    }
    this.settings.set(
      'workspaces',
      this.settings.get('workspaces').filter((w) => w.id !== id),
    );
    if (this.settings.get('openWorkspace') === id)
      this.settings.set('openWorkspace', this.openId());
    return ok({ deleted: id });
  }

  async closeAll(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    for (const opening of all) {
      const s = await opening;
      if (s.ok) await s.value.close();
    }
  }
}

function safeUsername(): string {
  let name = 'me';
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (containers): keep the default.
  }
  return (
    name
      .replace(/[^a-z0-9._-]/gi, '')
      .slice(0, 40)
      .toLowerCase() || 'me'
  );
}
