/**
 * [S1] A snapshot whose bytes pass their checksum but whose content the engine cannot load (a
 * bug in an older release, or an edited file) is damaged like any other: kept aside, the
 * last-good backup and the journals since open, and the person is told.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot } from '../store/snapshot-file';
import { startService, type StartedService } from './start-service';

async function create(s: StartedService, title: string): Promise<void> {
  const made = await s.service.call('node.create', { title }, { member: s.owner });
  expect(made.ok).toBe(true);
}

async function compact(s: StartedService): Promise<void> {
  const session = await s.hub.session();
  if (!session.ok) throw new Error(session.error.message);
  expect((await session.value.compact()).ok).toBe(true);
}

describe('[S1] a checksum-valid snapshot the engine cannot load', () => {
  it('[S1] is kept aside; the backup and the journals open with every change, and the person is told', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'linkgraph-badsnap-'));
    const first = await startService({ dataDir, mode: 'serve', version: '0.0.0-test' });
    await create(first, 'One');
    await compact(first);
    await create(first, 'Two');
    await compact(first); // snapshot.prev.json holds One, snapshot.json One and Two
    await create(first, 'Three');
    const before = await first.service.call('graph.get', undefined, { member: first.owner });
    if (!before.ok) throw new Error(before.error.message);
    const expected = (before.value as { nodes: { title: string }[] }).nodes
      .map((n) => n.title)
      .sort();
    expect(expected).toEqual(expect.arrayContaining(['One', 'Two', 'Three']));
    await first.hub.closeAll();

    const [id] = readdirSync(join(dataDir, 'workspaces'));
    const dir = join(dataDir, 'workspaces', id as string);
    const decoded = decodeSnapshot(readFileSync(join(dir, 'snapshot.json')));
    if (!decoded.ok) throw new Error(decoded.reason);
    // Right format and version, right checksum, but a link points at a node that is not there.
    const content = decoded.value.content as { links: unknown[] };
    const broken = { ...content, nodes: [] };
    const bytes = Buffer.concat(encodeSnapshot(decoded.value.generation, broken, new Date()));
    writeFileSync(join(dir, 'snapshot.json'), bytes);

    const again = await startService({ dataDir, mode: 'serve', version: '0.0.0-test' });
    const view = await again.service.call('graph.get', undefined, { member: again.owner });
    if (!view.ok) throw new Error(`the workspace did not open: ${view.error.message}`);
    expect((view.value as { nodes: { title: string }[] }).nodes.map((n) => n.title).sort()).toEqual(
      expected,
    );
    const info = await again.service.call('app.info', undefined, { member: again.owner });
    const problems = info.ok ? (info.value as { problems: string[] }).problems : [];
    const told = problems.find((p) => p.includes('snapshot.json'));
    expect(told).toMatch(/snapshot\.json is damaged .*kept aside as snapshot\.json\.corrupt-/);
    const aside = readdirSync(dir).find((n) => n.startsWith('snapshot.json.corrupt-'));
    expect(readFileSync(join(dir, aside ?? 'missing'))).toEqual(bytes);

    // It keeps working: a new change, and a clean reopen.
    await create(again, 'Four');
    await again.hub.closeAll();
    const third = await startService({ dataDir, mode: 'serve', version: '0.0.0-test' });
    const last = await third.service.call('graph.get', undefined, { member: third.owner });
    if (!last.ok) throw new Error(last.error.message);
    expect((last.value as { nodes: { title: string }[] }).nodes.map((n) => n.title).sort()).toEqual(
      [...expected, 'Four'].sort(),
    );
    const thirdInfo = await third.service.call('app.info', undefined, { member: third.owner });
    expect(thirdInfo.ok && (thirdInfo.value as { problems: string[] }).problems).toEqual([]);
    await third.hub.closeAll();
  });
});
