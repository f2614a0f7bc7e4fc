/**
 * [S1] The store writes snapshots in the engine's compact stored form (version 2), and a
 * workspace folder written before it (exchange form, version 1) still opens and is moved to
 * the new form by its next compaction.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromSnapshot, toSnapshot } from '../../shared/engine';
import { decodeSnapshot, encodeSnapshot } from '../store/snapshot-file';
import { SNAPSHOT } from '../store/workspace-layout';
import { openWorkspaceFiles } from '../store';
import { startService } from './start-service';
import { foldModuleUrl } from './workspace-fold';

/** Folds the workspace's journals into its snapshot now, as the store does in the background. */
async function compactNow(dataDir: string): Promise<void> {
  const [id] = readdirSync(join(dataDir, 'workspaces'));
  const opened = await openWorkspaceFiles(join(dataDir, 'workspaces', id as string), {
    fold: { modulePath: foldModuleUrl() },
  });
  if (!opened.ok) throw new Error(opened.error.message);
  const compacted = await opened.value.store.compact();
  await opened.value.store.close();
  if (!compacted.ok) throw new Error(compacted.error.message);
}

function snapshotFile(dataDir: string): string {
  const [id] = readdirSync(join(dataDir, 'workspaces'));
  return join(dataDir, 'workspaces', id as string, SNAPSHOT);
}

function readSnapshot(file: string): { generation: number; content: { version: number } } {
  const decoded = decodeSnapshot(readFileSync(file));
  if (!decoded.ok) throw new Error(decoded.reason);
  return decoded.value as { generation: number; content: { version: number } };
}

const titles = async (dataDir: string): Promise<string[]> => {
  const s = await startService({ dataDir, mode: 'serve', version: '0.0.0-test' });
  const view = await s.service.call('graph.get', undefined, { member: s.owner });
  await s.hub.closeAll();
  if (!view.ok) throw new Error(view.error.message);
  return (view.value as { nodes: { title: string }[] }).nodes.map((n) => n.title).sort();
};

describe('the stored snapshot form on disk', () => {
  it('[S1] compaction writes the compact form, and a folder in the old form still opens', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'linkgraph-stored-'));
    const first = await startService({ dataDir, mode: 'serve', version: '0.0.0-test' });
    const made = await first.service.call(
      'node.create',
      { title: 'Kept' },
      { member: first.owner },
    );
    expect(made.ok).toBe(true);
    await first.hub.closeAll();
    await compactNow(dataDir);
    const file = snapshotFile(dataDir);
    const written = readSnapshot(file);
    expect(written.content.version).toBe(2);
    const expected = await titles(dataDir);
    expect(expected).toContain('Kept');

    // The same workspace as a release before the compact form wrote it.
    const state = fromSnapshot(written.content, { trusted: true });
    if (!state.ok) throw new Error(state.error.message);
    const old = encodeSnapshot(written.generation, toSnapshot(state.value), new Date());
    writeFileSync(file, Buffer.concat(old));
    expect(readSnapshot(file).content.version).toBe(1);

    const again = await startService({ dataDir, mode: 'serve', version: '0.0.0-test' });
    const view = await again.service.call('graph.get', undefined, { member: again.owner });
    if (!view.ok) throw new Error(view.error.message);
    expect((view.value as { nodes: { title: string }[] }).nodes.map((n) => n.title).sort()).toEqual(
      expected,
    );
    const more = await again.service.call(
      'node.create',
      { title: 'Later' },
      { member: again.owner },
    );
    expect(more.ok).toBe(true);
    await again.hub.closeAll();
    await compactNow(dataDir);
    expect(readSnapshot(file).content.version).toBe(2);
    expect(await titles(dataDir)).toEqual([...expected, 'Later'].sort());
  });
});
