/**
 * The folders under `<data>/workspaces/`, as the hub sees them:
 *
 * - `<id>/` — a workspace: its store files (docs/store.md) and `workspace.json`, which holds
 *   its name and creation time, so the list in settings can be rebuilt from the folders if
 *   settings.json is lost (recover-workspaces.ts). Settings stay the source of truth for the
 *   list; `workspace.json` is the folder's own copy.
 * - `.creating-<id>-<hex>/` — a workspace being made (new, or an import). It is renamed to
 *   `<id>/` only once complete, so a crash or a failure never leaves a half-made workspace
 *   under a workspace's name; a leftover is removed at the next start (it was never
 *   acknowledged to anyone).
 * - `.deleted-<id>-<time>/`, `.failed-<id>-<time>/` — kept aside, never listed.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceError } from '../../shared/contract/errors';
import { err, ok, type Result } from '../../shared/model/result';
import { fsyncDir, mkdir, rename, writeTempDurably } from '../store/durable-fs';
import { storeErrorFrom } from '../store/store-errors';

export const META_FILE = 'workspace.json';
const CREATING = '.creating-';
/** The ids the hub makes (`ws-` + 8 hex) and the settings schema allows. */
export const WORKSPACE_ID = /^[a-z0-9-]{1,64}$/;

export interface WorkspaceMeta {
  name: string;
  created_time: string;
}

export const workspacesRoot = (dataDir: string): string => join(dataDir, 'workspaces');
export const workspaceDir = (dataDir: string, id: string): string =>
  join(workspacesRoot(dataDir), id);

/** A fresh folder to build workspace `id` in (see the header). */
export async function creatingDir(
  dataDir: string,
  id: string,
): Promise<Result<string, ServiceError>> {
  const dir = join(workspacesRoot(dataDir), `${CREATING}${id}-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(dir, { recursive: true });
    return ok(dir);
  } catch (cause) {
    return err(asServiceError(storeErrorFrom(cause, 'create the workspace folder', dir)));
  }
}

/** Renames a complete folder made by `creatingDir` to the workspace's own name, durably. */
export async function installWorkspace(
  dataDir: string,
  temp: string,
  id: string,
): Promise<Result<string, ServiceError>> {
  const dir = workspaceDir(dataDir, id);
  try {
    await rename(temp, dir);
    await fsyncDir(workspacesRoot(dataDir));
    return ok(dir);
  } catch (cause) {
    return err(asServiceError(storeErrorFrom(cause, 'create the workspace folder', dir)));
  }
}

/** Removes a folder that was never acknowledged to anyone (a failed or interrupted create). */
export function discardFolder(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch (cause) {
    // The error that made us discard it is what the person needs; the next start retries.
    console.error(`[hub] could not remove ${dir}: ${(cause as Error).message}`);
  }
}

/** Writes `workspace.json` in `dir` durably (temp file, fsync, rename, folder fsync). */
export async function writeMeta(
  dir: string,
  meta: WorkspaceMeta,
): Promise<Result<void, ServiceError>> {
  const path = join(dir, META_FILE);
  try {
    const temp = await writeTempDurably(path, [Buffer.from(JSON.stringify(meta) + '\n')]);
    await rename(temp, path);
    await fsyncDir(dir);
    return ok(undefined);
  } catch (cause) {
    return err(asServiceError(storeErrorFrom(cause, 'save the workspace name', path)));
  }
}

/** The folder's `workspace.json`, or null when it is missing or unreadable. */
export function readMeta(dir: string): WorkspaceMeta | null {
  try {
    const meta = JSON.parse(readFileSync(join(dir, META_FILE), 'utf8')) as Partial<WorkspaceMeta>;
    return typeof meta.name === 'string' && typeof meta.created_time === 'string'
      ? { name: meta.name.slice(0, 200), created_time: meta.created_time }
      : null;
  } catch {
    return null;
  }
}

/** Folder names that may be workspaces (not kept-aside or in-progress ones). */
export function workspaceFolderIds(dataDir: string): string[] {
  try {
    return readdirSync(workspacesRoot(dataDir), { withFileTypes: true })
      .filter((e) => e.isDirectory() && WORKSPACE_ID.test(e.name))
      .map((e) => e.name);
  } catch {
    return [];
  }
}

/** Removes `.creating-*` leftovers of an interrupted create; answers their names. */
export function removeUnfinishedCreations(dataDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(workspacesRoot(dataDir)).filter((n) => n.startsWith(CREATING));
  } catch {
    return [];
  }
  for (const name of names) discardFolder(join(workspacesRoot(dataDir), name));
  return names;
}

function asServiceError(e: { code: ServiceError['code']; message: string }): ServiceError {
  return { code: e.code, message: e.message };
}
