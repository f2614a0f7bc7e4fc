/**
 * Rebuilds the list of workspaces from the folders themselves (SPEC S1: a lost or damaged
 * settings.json must not hide the person's workspaces). Runs at every start: any workspace
 * folder the list does not name is opened and read.
 *
 * - Who owns it: each workspace's own state names its owner (`ownerId`) and holds that
 *   member's record (id, username, email), durably, in its snapshot and journal. When
 *   settings have no profile (lost), the profile becomes the owner of most of the folders
 *   (ties: the owner of the newest), so the person is again the owner of their workspaces.
 * - Its name and creation time: `workspace.json` in the folder (workspace-folders.ts); a
 *   folder written before that file existed is named "Recovered workspace <id>".
 * - Folders owned by someone else, or that cannot be read, stay on disk unlisted; the person
 *   is told which. Nothing is moved or deleted here.
 *
 * Member API tokens lived only in settings (as hashes): they cannot be recovered, and the
 * person is told to make them again.
 */
import { statSync } from 'node:fs';
import type { Member } from '../../shared/model/types';
import type { Settings, WorkspaceEntry } from '../settings/schema';
import { readMeta, workspaceDir, workspaceFolderIds } from './workspace-folders';
import { WorkspaceSession } from './workspace-session';

export interface Reconciled {
  /** Settings to write (nothing when the list already names every folder). */
  values: Partial<Settings> | null;
  /** What the person is told. */
  problems: string[];
}

interface Found {
  entry: WorkspaceEntry;
  owner: Member;
}

export async function reconcileWorkspaces(
  dataDir: string,
  current: Pick<Settings, 'profile' | 'workspaces' | 'openWorkspace'>,
): Promise<Reconciled> {
  const listed = new Set(current.workspaces.map((w) => w.id));
  const unlisted = workspaceFolderIds(dataDir).filter((id) => !listed.has(id));
  if (unlisted.length === 0) return { values: null, problems: [] };

  const found: Found[] = [];
  const unreadable: string[] = [];
  for (const id of unlisted) {
    const dir = workspaceDir(dataDir, id);
    const opened = await WorkspaceSession.open(id, dir);
    if (!opened.ok) {
      unreadable.push(`${id} (${opened.error.message})`);
      continue;
    }
    const { state } = opened.value;
    const owner = state.members.get(state.ownerId);
    await opened.value.close();
    if (!owner) {
      unreadable.push(`${id} (it names no owner)`);
      continue;
    }
    const meta = readMeta(dir) ?? {
      name: `Recovered workspace ${id}`,
      created_time: statSync(dir).mtime.toISOString(),
    };
    found.push({ entry: { id, ...meta }, owner: { ...owner } });
  }

  const profile = current.profile ?? likelyOwner(found);
  const mine = found
    .filter((f) => f.owner.id === profile?.id)
    .sort((a, b) => a.entry.created_time.localeCompare(b.entry.created_time));
  const others = found.filter((f) => f.owner.id !== profile?.id);

  const problems: string[] = [];
  if (mine.length > 0) {
    const names = mine.map((f) => `"${f.entry.name}" (${f.entry.id})`).join(', ');
    problems.push(
      current.profile
        ? `Found workspace folders missing from the list and added them back: ${names}.`
        : `The list of workspaces was rebuilt from their folders: ${names}, owned by ` +
            `${profile?.username ?? ''} <${profile?.email ?? ''}>, who is you again. API tokens ` +
            `for members were kept in the lost settings: make them again if they are needed.`,
    );
  }
  if (others.length > 0) {
    const list = others.map((f) => `${f.entry.id} (owner ${f.owner.email})`).join(', ');
    problems.push(`Workspace folders owned by someone else were left unlisted: ${list}.`);
  }
  if (unreadable.length > 0) {
    problems.push(
      `Workspace folders that could not be read were left unlisted: ${unreadable.join('; ')}.`,
    );
  }
  if (mine.length === 0 && current.profile) return { values: null, problems };

  const workspaces = [...current.workspaces, ...mine.map((f) => f.entry)];
  const openId =
    current.openWorkspace && workspaces.some((w) => w.id === current.openWorkspace)
      ? current.openWorkspace
      : (mine.at(-1)?.entry.id ?? workspaces[0]?.id ?? null);
  return {
    values: {
      ...(current.profile || !profile ? {} : { profile }),
      workspaces,
      openWorkspace: openId,
    },
    problems,
  };
}

/** The owner of most folders; on a tie, the owner of the most recently created one. */
function likelyOwner(found: readonly Found[]): Member | null {
  const tally = new Map<string, { owner: Member; count: number; newest: string }>();
  for (const { owner, entry } of found) {
    const t = tally.get(owner.id) ?? { owner, count: 0, newest: '' };
    t.count += 1;
    if (entry.created_time > t.newest) t.newest = entry.created_time;
    tally.set(owner.id, t);
  }
  const best = [...tally.values()].sort(
    (a, b) => b.count - a.count || b.newest.localeCompare(a.newest),
  )[0];
  return best
    ? { id: best.owner.id, username: best.owner.username, email: best.owner.email }
    : null;
}
