/**
 * [A4] What each member is sent of a change (the `graph:diff` of every transport): judged as of
 * the change itself — a before-image only to whoever could see the entity before, an
 * after-image only to whoever can see it after, and nothing at all to anyone else. Every op
 * below is checked for a member who could see its subject (M, a viewer of the branch the
 * subject hangs under) and one who could not (N).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Batch } from '../../shared/engine';
import type { Member } from '../../shared/model/types';
import type { DiffNotice } from './service';
import { startService, type StartedService } from './start-service';

let started: StartedService;
let owner: { member: string };
let m: string;
let n: string;
/** A node M sees through a branch grant; N has no access to anything in it. */
let parent: string;
/** Each accepted change, with what M and N were sent of it (null: nothing was sent). */
const notices = new Map<string, { m: Batch | null; n: Batch | null }>();

/** What `member` is sent of a change, decided when the change is announced. */
const sentTo = (member: string, notice: DiffNotice): Batch | null => notice.visibleTo(member);

async function call(method: string, params: unknown, member = owner.member): Promise<Batch> {
  const r = await started.service.call(method, params, { member });
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as Batch;
}

async function addMember(username: string): Promise<string> {
  const b = await call('member.add', { username, email: `${username}@example.com` });
  return (b.user[0]?.after as Member).id;
}

/** A node under `parent` (linked to it, so M's branch grant covers it); answers its id. */
async function nodeUnder(title: string, description = `${title} — confidential`): Promise<string> {
  const b = await call('node.create', { title, description, target: parent });
  return (b.nodes.find((e) => e.op === 0)?.after as { id: string }).id;
}

/** True when anything of `ids` or `words` appears in what was sent. */
const mentions = (sent: Batch | null, ...needles: string[]): boolean =>
  sent !== null && needles.some((needle) => JSON.stringify(sent).includes(needle));

const seen = (batch: Batch) => {
  const got = notices.get(batch.batchId);
  if (!got) throw new Error(`no diff was announced for ${batch.batchId}`);
  return got;
};

beforeAll(async () => {
  started = await startService({
    dataDir: mkdtempSync(join(tmpdir(), 'linkgraph-diffs-')),
    mode: 'serve',
    version: '0.0.0-test',
  });
  owner = { member: started.owner };
  m = await addMember('mira');
  n = await addMember('nils');
  const p = await call('node.create', { title: 'Shared branch' });
  parent = (p.nodes[0]?.after as { id: string }).id;
  await call('access.grant', { node: parent, member: m, level: 3, branch: true });
  started.service.onDiff((notice) => {
    notices.set(notice.batch.batchId, { m: sentTo(m, notice), n: sentTo(n, notice) });
  });
});
afterAll(() => started.hub.closeAll());

describe('[A4] diffs sent to members', () => {
  it('[A4] purge: the before-image reaches a member who saw the node, nothing reaches one who did not', async () => {
    const id = await nodeUnder('Purged plan');
    await call('node.trash', { id });
    const purge = await call('node.purge', { id });
    const { m: toM, n: toN } = seen(purge);
    expect(toM?.nodes).toContainEqual(
      expect.objectContaining({ before: expect.objectContaining({ id, title: 'Purged plan' }) }),
    );
    expect(toM?.nodes.find((e) => 'id' in e.before && e.before.id === id)?.after).toEqual({});
    expect(mentions(toN, id, 'Purged plan', 'confidential')).toBe(false);
  });

  it('[A4] purge of a node no member saw: nothing of it reaches any member', async () => {
    const b = await call('node.create', { title: 'Owner only', description: 'salary table' });
    const id = (b.nodes[0]?.after as { id: string }).id;
    await call('node.trash', { id });
    const purge = await call('node.purge', { id });
    const { m: toM, n: toN } = seen(purge);
    for (const sent of [toM, toN]) expect(mentions(sent, id, 'Owner only', 'salary')).toBe(false);
  });

  it('[A4] empty trash: purged nodes and links reach only members who saw them', async () => {
    const id = await nodeUnder('Emptied plan');
    const hidden = (await call('node.create', { title: 'Hidden emptied', description: 'secret' }))
      .nodes[0]?.after as { id: string };
    await call('node.trash', { id });
    await call('node.trash', { id: hidden.id });
    const empty = await call('trash.empty', {});
    const { m: toM, n: toN } = seen(empty);
    expect(toM?.nodes).toContainEqual(
      expect.objectContaining({ before: expect.objectContaining({ id, title: 'Emptied plan' }) }),
    );
    expect(mentions(toM, hidden.id, 'Hidden emptied')).toBe(false);
    expect(mentions(toN, id, 'Emptied plan', hidden.id, 'Hidden emptied')).toBe(false);
  });

  it('[A4] trash: reaches a member who sees the node, not one who does not', async () => {
    const id = await nodeUnder('Trashed plan');
    const trash = await call('node.trash', { id });
    const { m: toM, n: toN } = seen(trash);
    expect(toM?.nodes).toContainEqual(
      expect.objectContaining({ after: expect.objectContaining({ id, in_trash: true }) }),
    );
    expect(mentions(toN, id, 'Trashed plan')).toBe(false);
  });

  it('[A4] access revoke: the revoked member is told of their grant, no one else of anything', async () => {
    const id = await nodeUnder('Granted plan');
    await call('access.grant', { node: id, member: m, level: 2, branch: false });
    const revoke = await call('access.revoke', { node: id, member: m });
    const { m: toM, n: toN } = seen(revoke);
    expect(toM?.access).toEqual([
      expect.objectContaining({
        before: expect.objectContaining({ node: id, member: m }),
        after: {},
      }),
    ]);
    expect(mentions(toN, id, m)).toBe(false);
  });

  it('[A4] undo of a create: the removal reaches a member who saw the node, nothing else does', async () => {
    const created = await call('node.create', {
      title: 'Undone plan',
      description: 'draft numbers',
      target: parent,
    });
    const id = (created.nodes.find((e) => e.op === 0)?.after as { id: string }).id;
    const undo = await call('history.undo', { batchId: created.batchId });
    const { m: toM, n: toN } = seen(undo);
    expect(toM?.nodes).toContainEqual(
      expect.objectContaining({ before: expect.objectContaining({ id }), after: {} }),
    );
    expect(mentions(toN, id, 'Undone plan', 'draft numbers')).toBe(false);

    const secret = await call('node.create', { title: 'Undone secret', description: 'bonus' });
    const secretId = (secret.nodes[0]?.after as { id: string }).id;
    const undoSecret = await call('history.undo', { batchId: secret.batchId });
    for (const sent of Object.values(seen(undoSecret)))
      expect(mentions(sent, secretId, 'Undone secret', 'bonus')).toBe(false);
  });

  it('[A4] a link turned private reaches a member who saw it as a removal, without its new image', async () => {
    const a = await nodeUnder('Link end A');
    const b = await nodeUnder('Link end B');
    const made = await call('link.create', { source: a, target: b, type: 1 });
    const linkId = (made.links[0]?.after as { id: string }).id;
    const update = await call('link.update', { id: linkId, private: true });
    const { m: toM, n: toN } = seen(update);
    expect(toM?.links).toEqual([
      expect.objectContaining({
        before: expect.objectContaining({ id: linkId, private: false }),
        after: {},
      }),
    ]);
    expect(mentions(toN, linkId, a, b)).toBe(false);
  });

  it('[A4] a change of nothing a member may see sends them nothing at all', async () => {
    const b = await call('node.create', { title: 'Owner note' });
    const { m: toM, n: toN } = seen(b);
    expect(toM).toBeNull();
    expect(toN).toBeNull();
  });
});
