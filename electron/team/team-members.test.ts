/**
 * [T3][A4] Two team server instances on one PostgreSQL, three members — owner, editor,
 * viewer — connected to different instances with real Socket.IO and HTTP clients: every
 * change made through one instance reaches the others, filtered per member (another
 * member's private link reaches no one else). Concurrent conflicting changes through both
 * instances (two parents, primary cycles, edits of the same node, a seeded mix) leave the
 * engine's invariants intact, checked on the database read afresh (the same checker as the
 * random-operation test).
 */
import { describe, expect, it } from 'vitest';
import { visibleGraph } from '../../shared/engine';
import { checkInvariants } from '../../shared/engine/test-support/invariants';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import { seededRandom } from '../../shared/test-support/seeded-random';
import { openTeamLog } from './team-log';
import type { TeamServer } from './team-server';
import { call, invite as inviteMember, must } from './test-support/http';
import { postgresAvailable } from './test-support/postgres-cluster';
import { until, useTwoInstances } from './test-support/two-instances';

const available = postgresAvailable('team server member tests on PostgreSQL');

type Diff = {
  nodes: { after?: Partial<NodeRecord>; before?: Partial<NodeRecord> }[];
  links: { after?: Partial<LinkRecord>; before?: Partial<LinkRecord> }[];
  access: { after?: { node?: string }; before?: { node?: string } }[];
};
const mentions = (diffs: unknown[], id: string) =>
  (diffs as Diff[]).some(
    (d) =>
      d.nodes.some((n) => n.after?.id === id || n.before?.id === id) ||
      d.links.some((l) => l.after?.id === id || l.before?.id === id) ||
      d.access.some((g) => g.after?.node === id || g.before?.node === id),
  );

describe.runIf(available)('three members on two instances', () => {
  const two = useTwoInstances();

  const nodeOf = (reply: Record<string, unknown>) =>
    (reply.diff as Diff).nodes[0]?.after as NodeRecord;
  const linkOf = (reply: Record<string, unknown>) =>
    (reply.diff as Diff).links[0]?.after as LinkRecord;
  const addNode = async (on: TeamServer, title: string) =>
    nodeOf(await must(on.origin, on.token, 'POST', '/api/node', { title }));

  it('[T3][A4] owner on A, editor on B, viewer on A and B: each change reaches the others, filtered per member', async () => {
    const { a, b } = two;
    const invite = async (username: string) => (await inviteMember(a, username)).token;
    const edna = await invite('edna');
    const victor = await invite('victor');
    const [p, q, r] = [await addNode(a, 'p'), await addNode(b, 'q'), await addNode(a, 'r')];
    for (const node of [p, q, r]) {
      await must(a.origin, a.token, 'POST', '/api/node/access', {
        id: node.id,
        email: 'edna@example.com',
        level: 2,
        branch: false,
      });
      await must(b.origin, b.token, 'POST', '/api/node/access', {
        id: node.id,
        email: 'victor@example.com',
        level: 3,
        branch: false,
      });
    }
    const ownerOnA = await two.listen(a, a.token);
    const ednaOnB = await two.listen(b, edna);
    const victorOnA = await two.listen(a, victor);
    const victorOnB = await two.listen(b, victor);

    // 1. The owner renames p through B: everyone sees it, on both instances.
    await must(b.origin, b.token, 'PUT', '/api/node', { id: p.id, title: 'p renamed via B' });
    await until(
      () => [ownerOnA, ednaOnB, victorOnA, victorOnB].every((l) => mentions(l.diffs, p.id)),
      'the rename everywhere',
    );

    // 2. Edna draws a private link q → r over her socket on B: no one else is sent it.
    const ack = (await ednaOnB.socket.emitWithAck('link:add', {
      source: q.id,
      target: r.id,
      type: 1,
      private: true,
    })) as { ok: boolean; diff: Diff };
    expect(ack.ok).toBe(true);
    const secret = ack.diff.links[0]?.after as LinkRecord;
    expect(secret.private).toBe(true);

    // 3. Edna draws a public link p → q through A over HTTP: all see it, Edna on B too.
    const open = linkOf(
      await must(a.origin, edna, 'POST', '/api/link', { source: p.id, target: q.id, type: 1 }),
    );
    await until(
      () => [ownerOnA, ednaOnB, victorOnA, victorOnB].every((l) => mentions(l.diffs, open.id)),
      'the public link everywhere',
    );
    // 4. Victor, a viewer, may not change anything, on either instance.
    for (const on of [a, b]) {
      const refused = await call(on.origin, victor, 'PUT', '/api/node', { id: q.id, title: 'x' });
      expect(refused.status).toBe(403);
    }

    // The private link reached no one but Edna, on any transport, on either instance.
    for (const l of [ownerOnA, victorOnA, victorOnB])
      expect(mentions(l.diffs, secret.id)).toBe(false);
    for (const on of [a, b])
      for (const token of [victor, a.token]) {
        const graph = await must(on.origin, token, 'GET', '/api/graph');
        expect(JSON.stringify(graph)).not.toContain(secret.id);
      }
    const ednaGraph = await must(b.origin, edna, 'GET', '/api/graph');
    expect(JSON.stringify(ednaGraph)).toContain(secret.id);
  });

  it('[T3][C1][C2] concurrent conflicting changes through both instances keep every invariant, checked on the database', async () => {
    const { a, b, db } = two;
    const both = [a, b] as const;
    // Primary cycles: x → y exists; y → z and z → x at once through A and B: one is refused.
    for (let round = 0; round < 4; round++) {
      const [x, y, z] = [await addNode(a, 'x'), await addNode(b, 'y'), await addNode(a, 'z')];
      await must(a.origin, a.token, 'POST', '/api/link', { source: x.id, target: y.id, type: 0 });
      const replies = await Promise.all([
        call(a.origin, a.token, 'POST', '/api/link', { source: y.id, target: z.id, type: 0 }),
        call(b.origin, b.token, 'POST', '/api/link', { source: z.id, target: x.id, type: 0 }),
      ]);
      expect(replies.map((r) => r.status).sort(), `cycle round ${round}`).toEqual([200, 409]);
      expect(replies.find((r) => r.status === 409)?.json.error).toBe('conflict.cycle');
    }
    // Two parents at once, several times.
    for (let round = 0; round < 4; round++) {
      const child = await addNode(a, 'child');
      const parents = [await addNode(a, 'parent A'), await addNode(b, 'parent B')];
      const replies = await Promise.all(
        both.map((s, i) =>
          call(s.origin, s.token, 'POST', '/api/link', {
            source: parents[i]?.id,
            target: child.id,
            link_type: 'is_parent_of',
          }),
        ),
      );
      expect(replies.map((r) => r.status).sort(), `parent round ${round}`).toEqual([200, 400]);
    }
    // A seeded mix fired at once through both: links of every kind, edits, trash, restores.
    const random = seededRandom(17);
    const pool: NodeRecord[] = [];
    for (let i = 0; i < 12; i++) pool.push(await addNode(both[i % 2] as TeamServer, `mix ${i}`));
    const pick = () => pool[Math.floor(random() * pool.length)] as NodeRecord;
    const ops = Array.from({ length: 80 }, (_, i) => {
      const on = both[Math.floor(random() * 2)] as TeamServer;
      const roll = random();
      const [s, t] = [pick(), pick()];
      if (roll < 0.45)
        return call(on.origin, on.token, 'POST', '/api/link', {
          source: s.id,
          target: t.id,
          ...(random() < 0.3 ? { link_type: 'is_parent_of' } : { type: random() < 0.6 ? 0 : 1 }),
        });
      if (roll < 0.7)
        return call(on.origin, on.token, 'PUT', '/api/node', {
          id: s.id,
          status: Math.floor(random() * 4),
          title: `edit ${i}`,
        });
      if (roll < 0.85) return call(on.origin, on.token, 'POST', '/api/node/trash', { id: s.id });
      return call(on.origin, on.token, 'POST', '/api/node/restore', { id: s.id });
    });
    const statuses = (await Promise.all(ops)).map((r) => r.status);
    // Refusals are the rules speaking (4xx), never a failure.
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(10);

    const workspace = a.started.hub.openId() ?? '';
    const fresh = await openTeamLog(db, workspace);
    if (!fresh.ok) throw new Error(fresh.error.message);
    expect(checkInvariants(fresh.value.state)).toEqual([]);
    const owner = a.started.owner;
    const truth = visibleGraph(fresh.value.state, owner);
    const primaryIn = new Map<string, number>();
    for (const l of truth.links)
      if (l.link_type === 'is_parent_of' && !l.in_trash)
        primaryIn.set(l.target, (primaryIn.get(l.target) ?? 0) + 1);
    expect([...primaryIn.values()].filter((n) => n > 1)).toEqual([]);
    for (const on of both) {
      const session = await on.started.hub.session(workspace);
      if (!session.ok) throw new Error(session.error.message);
      await session.value.catchUp();
      expect(visibleGraph(session.value.state, owner)).toEqual(truth);
    }
  });
});
