/**
 * The list of workspaces (kept in settings) and the folder each one's files live in.
 * A fresh data folder gets one starter workspace so the first launch is not empty.
 *
 * NOTE(issue 4): the graph is read from a single `graph.json` here; the durable journal +
 * snapshot store (electron/store) replaces this reader when the engine is wired in.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LinkRecordSchema, NodeRecordSchema } from '../../shared/model/schemas';
import type { SettingsStore } from '../settings/open-settings';
import type { WorkspaceEntry } from '../settings/schema';
import { sampleGraph } from './sample-graph';

export const workspaceDir = (dataDir: string, id: string): string =>
  join(dataDir, 'workspaces', id);

const GraphFileSchema = z.strictObject({
  owner: z.string(),
  nodes: z.array(NodeRecordSchema),
  links: z.array(LinkRecordSchema),
});
export type GraphFile = z.infer<typeof GraphFileSchema>;

/** Returns the workspace to open, creating the starter one in an empty data folder. */
export function ensureOpenWorkspace(settings: SettingsStore, dataDir: string): WorkspaceEntry {
  const list = settings.get('workspaces');
  const wanted = list.find((w) => w.id === settings.get('openWorkspace')) ?? list[0];
  if (wanted) return wanted;
  const now = new Date().toISOString();
  const entry: WorkspaceEntry = {
    id: `ws-${randomBytes(4).toString('hex')}`,
    name: 'My first plan',
    created_time: now,
  };
  const owner = randomUUID();
  writeGraphFile(dataDir, entry.id, { owner, ...sampleGraph(owner, now) });
  settings.set('workspaces', [...list, entry]);
  settings.set('openWorkspace', entry.id);
  return entry;
}

export function readGraphFile(dataDir: string, id: string): GraphFile {
  const text = readFileSync(join(workspaceDir(dataDir, id), 'graph.json'), 'utf8');
  return GraphFileSchema.parse(JSON.parse(text));
}

/** Write to a temp file, fsync, rename over, fsync the folder: the file is old or new, never half. */
export function writeGraphFile(dataDir: string, id: string, graph: GraphFile): void {
  const dir = workspaceDir(dataDir, id);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, 'graph.json.tmp');
  const fd = openSync(tmp, 'w');
  try {
    const bytes = Buffer.from(JSON.stringify(graph));
    for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, join(dir, 'graph.json'));
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}
