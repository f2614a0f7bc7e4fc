/**
 * The workspaces of a data folder: their list (in settings), their folders, and the sessions
 * currently open. Creating, renaming and deleting go through here; a deleted workspace's
 * folder is moved aside, never erased (SPEC S1: data is never lost). A workspace is made in
 * a temporary folder and renamed into place only once complete (workspace-folders.ts), and
 * listed only once its folder is in place: a failure answers a typed error and leaves
 * neither a listed workspace nor a stray folder behind.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, renameSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { ServiceError } from '../../shared/contract/errors';
import type { WorkspaceInfo } from '../../shared/contract/methods';
import { err, ok, type Result } from '../../shared/model/result';
import type { Member } from '../../shared/model/types';
import type { SettingsStore } from '../settings/open-settings';
import type { WorkspaceEntry } from '../settings/schema';
import { saveSettings } from '../settings/settings-write';
import {
  creatingDir,
  discardFolder,
  installWorkspace,
  workspaceDir,
  workspacesRoot,
  writeMeta,
} from './workspace-folders';
import { WorkspaceSession } from './workspace-session';

export { workspaceDir };

const notFound = (id: string): ServiceError => ({
  code: 'not_found.workspace_not_found',
  message: `No workspace ${id}.`,
});

export class WorkspaceHub {
  private readonly sessions = new Map<string, Promise<Result<WorkspaceSession, ServiceError>>>();

  constructor(
    readonly dataDir: string,
    private readonly settings: SettingsStore,
  ) {}

  /**
   * The person using the app. start-service makes sure there is one (recovered from the
   * workspace folders, or new) before anything else runs; this only falls back to a new one.
   */
  profile(): Member {
    const existing = this.settings.get('profile');
    if (existing) return existing;
    const made = newProfile();
    saveSettings(this.settings, { profile: made });
    return made;
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
    if (!id || !this.info(id)) return Promise.resolve(err(notFound(id ?? '')));
    let opening = this.sessions.get(id);
    if (!opening) {
      opening = WorkspaceSession.open(id, workspaceDir(this.dataDir, id));
      this.sessions.set(id, opening);
      // A failed open is not cached: the next call tries again (the person may have fixed the disk).
      void opening.then((r) => !r.ok && this.sessions.delete(id));
    }
    return opening;
  }

  /** A new, empty workspace owned by the person. */
  async create(name: string): Promise<Result<WorkspaceSession, ServiceError>> {
    const built = await this.build(async (id, dir) => {
      const opened = await WorkspaceSession.open(id, dir, { owner: this.profile() });
      if (!opened.ok) return opened;
      await opened.value.close();
      return ok(name);
    });
    if (!built.ok) return built;
    return this.openInstalled(built.value.id, built.value.dir, built.value.entry);
  }

  /**
   * A new workspace whose files `fill` writes in the folder it is given, answering the
   * workspace's name — an import, whose worker writes the workspace there and opens it from
   * there through the normal path (import-into-folder.ts, docs/exchange.md). It is installed
   * and listed but not opened here: opening a large workspace is most of a second of
   * main-thread work, done when someone uses it.
   */
  async createWritten(
    fill: (id: string, dir: string) => Promise<Result<string, ServiceError>>,
  ): Promise<Result<WorkspaceInfo, ServiceError>> {
    const built = await this.build(fill);
    if (!built.ok) return built;
    const { id, dir, entry } = built.value;
    const listed = saveSettings(this.settings, {
      workspaces: [...this.settings.get('workspaces'), entry],
    });
    if (!listed.ok) {
      discardFolder(dir);
      return listed;
    }
    return ok({ id, name: entry.name });
  }

  /**
   * Makes a workspace's folder: `fill` writes its files in a temporary folder and answers its
   * name; the folder is renamed into place once complete. Any failure removes the folder (it
   * was never acknowledged) and answers the error. The caller lists it.
   */
  private async build(
    fill: (id: string, dir: string) => Promise<Result<string, ServiceError>>,
  ): Promise<Result<{ id: string; dir: string; entry: WorkspaceEntry }, ServiceError>> {
    const id = `ws-${randomBytes(4).toString('hex')}`;
    const created_time = new Date().toISOString();
    const temp = await creatingDir(this.dataDir, id);
    if (!temp.ok) return temp;
    const filled = await fill(id, temp.value);
    const entry: WorkspaceEntry = { id, name: filled.ok ? filled.value : '', created_time };
    const meta = filled.ok ? await writeMeta(temp.value, entry) : filled;
    const installed = meta.ok ? await installWorkspace(this.dataDir, temp.value, id) : meta;
    if (!installed.ok) {
      discardFolder(temp.value);
      return installed;
    }
    return ok({ id, dir: installed.value, entry });
  }

  /** Opens a just-installed workspace and only then lists it. */
  private async openInstalled(
    id: string,
    dir: string,
    entry: WorkspaceEntry,
  ): Promise<Result<WorkspaceSession, ServiceError>> {
    const opened = await WorkspaceSession.open(id, dir);
    const listed = opened.ok
      ? saveSettings(this.settings, { workspaces: [...this.settings.get('workspaces'), entry] })
      : opened;
    if (!listed.ok) {
      if (opened.ok) await opened.value.close();
      discardFolder(dir);
      return listed;
    }
    const session = opened as Result<WorkspaceSession, never>;
    this.sessions.set(id, Promise.resolve(session));
    return session;
  }

  setOpen(id: string): Result<WorkspaceInfo, ServiceError> {
    const info = this.info(id);
    if (!info) return err(notFound(id));
    const saved = saveSettings(this.settings, { openWorkspace: id });
    return saved.ok ? ok(info) : saved;
  }

  async rename(id: string, name: string): Promise<Result<WorkspaceInfo, ServiceError>> {
    const entry = this.settings.get('workspaces').find((w) => w.id === id);
    if (!entry) return err(notFound(id));
    // The folder's own copy first: if settings then fail, the list still has the old name
    // and the folder's copy is only ever read to rebuild a lost list.
    const meta = await writeMeta(workspaceDir(this.dataDir, id), { ...entry, name });
    if (!meta.ok) return meta;
    const saved = saveSettings(this.settings, {
      workspaces: this.settings.get('workspaces').map((w) => (w.id === id ? { ...w, name } : w)),
    });
    return saved.ok ? ok({ id, name }) : saved;
  }

  /** Removes a workspace from the list; its folder is kept as `workspaces/.deleted-<id>-<time>`. */
  async remove(id: string): Promise<Result<{ deleted: string }, ServiceError>> {
    if (!this.info(id)) return err(notFound(id));
    const open = this.sessions.get(id);
    this.sessions.delete(id);
    const session = await open;
    if (session?.ok) await session.value.close();
    const dir = workspaceDir(this.dataDir, id);
    const aside = join(workspacesRoot(this.dataDir), `.deleted-${id}-${Date.now()}`);
    if (existsSync(dir)) renameSync(dir, aside);
    const workspaces = this.settings.get('workspaces').filter((w) => w.id !== id);
    const wasOpen = this.settings.get('openWorkspace') === id;
    const saved = saveSettings(this.settings, {
      workspaces,
      ...(wasOpen ? { openWorkspace: workspaces[0]?.id ?? null } : {}),
    });
    if (!saved.ok && existsSync(aside)) renameSync(aside, dir); // refused: as it was
    return saved.ok ? ok({ deleted: id }) : saved;
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

/** A new identity for the person (first start, or nothing to recover it from). */
export function newProfile(): Member {
  const name = safeUsername();
  return { id: randomUUID(), username: name, email: `${name}@linkgraph.local` };
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
