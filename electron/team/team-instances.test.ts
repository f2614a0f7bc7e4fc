/**
 * [T3] Two team server instances on one PostgreSQL: writes to a workspace from both are
 * serialised (each runs on the latest state, numbers follow on without a gap, no update is
 * lost), and a change made through one reaches the members connected to the other by
 * Socket.IO as `graph:diff`, filtered per member (A1–A4: a member who may not see it gets
 * nothing).
 */
import { describe, expect, it } from 'vitest';
import { visibleGraph } from '../../shared/engine';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import { num } from './database';
import { openTeamLog } from './team-log';
import type { TeamServer } from './team-server';
import { call, must } from './test-support/http';
import { postgresAvailable } from './test-support/postgres-cluster';
import { until, useTwoInstances } from './test-support/two-instances';

const available = postgresAvailable('team server instance tests on PostgreSQL');

type Diff = {
  batchId: string;
  access: { after?: { node?: string }; before?: { node?: string } }[];
  nodes: { after?: Partial<NodeRecord>; before?: Partial<NodeRecord> }[];
  links: { after?: Partial<LinkRecord>; before?: Partial<LinkRecord> }[];
};

describe.runIf(available)('two team server instances on one PostgreSQL', () => {
  const two = useTwoInstances();

  const nodeOf = (reply: Record<string, unknown>): NodeRecord =>
    (reply.diff as Diff).nodes[0]?.after as NodeRecord;
  const addNode = async (on: TeamServer, title: string, token = on.token) =>
    nodeOf(await must(on.origin, token, 'POST', '/api/node', { title }));

  it('[T3] both instances serve the same workspaces and owner, each with its own token', async () => {
    const { a, b } = two;
    expect(a.started.hub.list()).toEqual(b.started.hub.list());
    expect(a.started.hub.list()).toHaveLength(1);
    expect(a.started.owner).toBe(b.started.owner);
    const fromB = await call(b.origin, a.token, 'GET', '/api/workspaces');
    expect(fromB.status).toBe(200);
  });

  it('[T3] concurrent writers on both instances are serialised: contiguous numbers, nothing lost', async () => {
    const { a, b, db } = two;
    const workspace = a.started.hub.openId() ?? '';
    const [row] = await db.query<{ max: unknown }>(
      'SELECT max(seq) AS max FROM batches WHERE workspace = $1',
      [workspace],
    );
    const before = num(row?.max);
    const titles = Array.from({ length: 30 }, (_, i) => `n${i}`);
    await Promise.all(titles.map((t, i) => addNode(i % 2 ? b : a, t)));
    const seqs = (
      await db.query<{ seq: unknown }>(
        'SELECT seq FROM batches WHERE workspace = $1 ORDER BY seq',
        [workspace],
      )
    ).map((r) => num(r.seq));
    expect(seqs).toEqual(Array.from({ length: before + 30 }, (_, i) => i + 1));

    // Edits of the same node at the same version through both: one wins, one is a conflict.
    const node = await addNode(a, 'contested');
    for (let round = 0; round < 5; round++) {
      const current = await must(a.origin, a.token, 'GET', '/api/graph?limit=1000');
      const version = (current.graph as { nodes: NodeRecord[] }).nodes.find(
        (n) => n.id === node.id,
      )?.version;
      const replies = await Promise.all(
        [a, b].map((s) =>
          call(s.origin, s.token, 'PUT', '/api/node', {
            id: node.id,
            version,
            title: `round ${round} via ${s === a ? 'A' : 'B'}`,
          }),
        ),
      );
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(replies.find((r) => r.status === 409)?.json.error).toBe('conflict.version_conflict');
    }

    // Two parents for one child through the two instances at once: the one-parent rule holds.
    const child = await addNode(a, 'child');
    const parents = [await addNode(a, 'parent A'), await addNode(b, 'parent B')];
    const links = await Promise.all(
      [a, b].map((s, i) =>
        call(s.origin, s.token, 'POST', '/api/link', {
          source: parents[i]?.id,
          target: child.id,
          link_type: 'is_parent_of',
        }),
      ),
    );
    expect(links.map((r) => r.status).sort()).toEqual([200, 400]);
    expect(links.find((r) => r.status === 400)?.json.error).toBe(
      'bad_request.artifact_already_attached_to_a_parent',
    );

    // Every instance's memory and a fresh read of the database agree.
    const owner = a.started.owner;
    const fromDb = await openTeamLog(db, workspace);
    if (!fromDb.ok) throw new Error(fromDb.error.message);
    const views = await Promise.all(
      [a, b].map(async (s) => {
        const session = await s.started.hub.session(workspace);
        if (!session.ok) throw new Error(session.error.message);
        await session.value.catchUp();
        return visibleGraph(session.value.state, owner);
      }),
    );
    const truth = visibleGraph(fromDb.value.state, owner);
    expect(views[0]).toEqual(truth);
    expect(views[1]).toEqual(truth);
    expect(truth.nodes.map((n) => n.title)).toEqual(expect.arrayContaining(titles));
    expect(truth.links.filter((l) => l.target === child.id && !l.in_trash)).toHaveLength(1);
  });

  it('[T3][A4] a change made on A reaches members on B as graph:diff, filtered per member', async () => {
    const { a, b } = two;
    const owner = a.token;
    // Members invited on A; their tokens open the workspace on B too (one table of hashes).
    const invite = async (username: string) => {
      const reply = await must(a.origin, owner, 'POST', '/api/member', {
        username,
        email: `${username}@example.com`,
      });
      return reply.token as string;
    };
    const editor = await invite('edna');
    const viewer = await invite('victor');
    const shared = await addNode(a, 'shared with edna');
    const below = await addNode(a, 'also edna');
    const forVictor = await addNode(a, 'for victor');
    const grant = (id: string, email: string, level: number) =>
      must(a.origin, owner, 'POST', '/api/node/access', { id, email, level, branch: false });
    await grant(shared.id, 'edna@example.com', 2);
    await grant(below.id, 'edna@example.com', 2);

    const listen = async (token: string) => {
      const on = await two.listen(b, token);
      return { socket: on.socket, diffs: on.diffs as Diff[] };
    };
    const [ownerOnB, editorOnB, viewerOnB] = await Promise.all([
      listen(owner),
      listen(editor),
      listen(viewer),
    ]);
    const mentions = (diffs: Diff[], id: string) =>
      diffs.some(
        (d) =>
          d.nodes.some((n) => n.after?.id === id || n.before?.id === id) ||
          d.links.some((l) => l.after?.id === id || l.before?.id === id) ||
          d.access.some((g) => g.after?.node === id || g.before?.node === id),
      );

    // Edna (an editor) draws a private link through A: on B, only she sees it [A4].
    const made = await must(a.origin, editor, 'POST', '/api/link', {
      source: shared.id,
      target: below.id,
      private: true,
    });
    const link = (made.diff as Diff).links[0]?.after as LinkRecord;
    expect(link.private).toBe(true);
    await until(() => mentions(editorOnB.diffs, link.id), "edna's diff on B");

    // The owner renames the shared node through A: the owner and Edna on B see it.
    await must(a.origin, owner, 'PUT', '/api/node', { id: shared.id, title: 'renamed on A' });
    await until(
      () => mentions(editorOnB.diffs, shared.id) && mentions(ownerOnB.diffs, shared.id),
      'the rename on B',
    );
    const renamed = editorOnB.diffs.at(-1)?.nodes[0]?.after;
    expect(renamed).toMatchObject({ id: shared.id, title: 'renamed on A' });

    // Then changes Victor may see (his grant, then the node): the first diffs he ever receives.
    await grant(forVictor.id, 'victor@example.com', 3);
    await must(a.origin, owner, 'PUT', '/api/node', { id: forVictor.id, title: 'hello victor' });
    await until(() => mentions(viewerOnB.diffs, forVictor.id), "victor's diff on B");
    await until(() => mentions(ownerOnB.diffs, forVictor.id), "the owner's last diff on B");

    expect(viewerOnB.diffs.every((d) => mentions([d], forVictor.id))).toBe(true);
    expect(mentions(viewerOnB.diffs, shared.id)).toBe(false);
    expect(mentions(viewerOnB.diffs, link.id)).toBe(false);
    // Not even the workspace owner is sent another member's private link.
    expect(mentions(ownerOnB.diffs, link.id)).toBe(false);
    expect(mentions(editorOnB.diffs, forVictor.id)).toBe(false);
    // B kept the workspace its clients follow open; its memory matches the database.
    expect(b.started.hub.openIds()).toContain(b.started.hub.openId());
  });
});
