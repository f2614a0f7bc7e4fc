import { describe, expect, it } from 'vitest';
import { accessOf, viewFor } from './index';
import { uuid, World } from './test-support/world';

type Level = 0 | 1 | 2 | 3;
const NAMES = ['owner', 'admin', 'editor', 'viewer'] as const;

/** A node on which member m has exactly the given level. */
function nodeWith(w: World, m: string, level: Level): string {
  if (level === 0) return w.node({}, m);
  const id = w.node();
  w.grant(id, m, level);
  return id;
}

// [A3] rows: access to the source; columns: access to the target. true = forced private.
const FORCED: boolean[][] = [
  [false, false, false, true],
  [false, false, false, true],
  [false, false, false, true],
  [false, true, true, true],
];

describe('members and access', () => {
  for (const s of [0, 1, 2, 3] as Level[]) {
    for (const t of [0, 1, 2, 3] as Level[]) {
      const forced = FORCED[s]?.[t] ?? false;
      it(`[A3] source ${NAMES[s]} × target ${NAMES[t]}: private ${forced ? 'forced to true' : 'as given'}`, () => {
        const w = new World();
        const m = w.member('m');
        const a = nodeWith(w, m, s);
        const b = nodeWith(w, m, t);
        const id = w.link(a, b, { private: false, type: 1 }, m);
        expect(w.l(id).private).toBe(forced);
        w.run('link.trash', { id }, m);
        w.run('link.purge', { id }, m);
        const id2 = w.link(a, b, { private: true, type: 1 }, m);
        expect(w.l(id2).private).toBe(true);
      });
    }
  }

  it('[A2] a viewer of the blocked node gets a secondary link (the target, for plain links)', () => {
    const w = new World();
    const m = w.member('m');
    const mine = w.node({}, m);
    const viewed = nodeWith(w, m, 3);
    const edited = nodeWith(w, m, 2);
    expect(w.l(w.link(mine, viewed, {}, m)).type).toBe(1);
    expect(w.status(viewed)).toBe(0);
    expect(w.l(w.link(mine, edited, {}, m)).type).toBe(0);
    expect(w.status(edited)).toBe(2);
  });

  it('[A2] for is_parent_of the blocked node is the source, so viewer access to the source downgrades', () => {
    const w = new World();
    const m = w.member('m');
    const parent = nodeWith(w, m, 3);
    const child = w.node({}, m);
    const id = w.link(parent, child, { link_type: 'is_parent_of', type: 0 }, m);
    expect(w.l(id).type).toBe(1);
    const parent2 = nodeWith(w, m, 2);
    const child2 = nodeWith(w, m, 3);
    expect(w.l(w.link(parent2, child2, { link_type: 'is_parent_of' }, m)).type).toBe(0);
  });

  it('[A1] an endpoint the member cannot see is not_found, exactly like a missing one', () => {
    const w = new World();
    const m = w.member('m');
    const mine = w.node({}, m);
    const hidden = w.node();
    const missing = uuid(0xdead);
    const e1 = w.fail('link.create', { source: mine, target: hidden }, m);
    const e2 = w.fail('link.create', { source: mine, target: missing }, m);
    expect(e1.code).toBe('not_found.target_not_found');
    expect(e2.code).toBe(e1.code);
    expect(e1.status).toBe(404);
    expect(w.fail('link.create', { source: hidden, target: mine }, m).code).toBe(
      'not_found.source_not_found',
    );
  });

  it('[A4] a private link is visible only to its owner, yet still blocks for everyone', () => {
    const w = new World();
    const m = w.member('m');
    const other = w.member('o');
    const a = w.node({}, m);
    const b = nodeWith(w, m, 2);
    w.grant(a, other, 3);
    w.grant(b, other, 3);
    const id = w.link(a, b, { private: true }, m);
    expect(w.status(b)).toBe(2);
    expect(viewFor(w.state, m).links.map((l) => l.id)).toEqual([id]);
    expect(viewFor(w.state, other).links).toEqual([]);
    expect(viewFor(w.state, w.owner.id).links).toEqual([]);
    const seen = viewFor(w.state, other).nodes.find((n) => n.id === b);
    expect(seen?.status).toBe(2);
    expect(w.fail('link.trash', { id }, other).code).toBe('not_found.link_not_found');
  });

  it('[A4] nodes without access are removed from a member view, trashed nodes too', () => {
    const w = new World();
    const m = w.member('m');
    const a = w.node({}, m);
    const b = w.node();
    const c = w.node({}, m);
    w.link(a, b);
    w.run('node.trash', { id: c }, m);
    const v = viewFor(w.state, m);
    expect(v.nodes.map((n) => n.id)).toEqual([a]);
    expect(v.links).toEqual([]);
    expect(v.access).toEqual({ [a]: 0 });
    expect(
      viewFor(w.state, w.owner.id)
        .nodes.map((n) => n.id)
        .sort(),
    ).toEqual([a, b].sort());
  });

  it('[A1] a branch grant covers every node under the granted one (its blocker side), a plain grant only the node', () => {
    const w = new World();
    const m = w.member('m');
    const top = w.node();
    const mid = w.node();
    const leaf = w.node();
    const aside = w.node();
    w.link(mid, top); // mid blocks top: mid is under top
    w.link(leaf, mid, { link_type: 'is_related_to' });
    w.link(top, aside); // top blocks aside: aside is above top
    w.grant(top, m, 2, true);
    expect([top, mid, leaf, aside].map((id) => accessOf(w.state, m, id))).toEqual([2, 2, 2, null]);
    w.grant(mid, m, 1, false);
    expect([top, mid, leaf].map((id) => accessOf(w.state, m, id))).toEqual([2, 1, 2]);
    const m2 = w.member('m2');
    w.grant(top, m2, 3, false);
    expect([top, mid].map((id) => accessOf(w.state, m2, id))).toEqual([3, null]);
    expect(viewFor(w.state, m).access).toEqual({ [top]: 2, [mid]: 1, [leaf]: 2 });
  });

  it('[A1] trashing a node does not hide the nodes a branch grant reaches through it', () => {
    const w = new World();
    const m = w.member('m');
    const top = w.node();
    const mid = w.node();
    const leaf = w.node();
    w.link(mid, top);
    w.link(leaf, mid);
    w.grant(top, m, 2, true);
    w.run('node.trash', { id: mid });
    expect(accessOf(w.state, m, leaf)).toBe(2);
    expect(
      viewFor(w.state, m)
        .nodes.map((n) => n.id)
        .sort(),
    ).toEqual([top, leaf].sort());
    // A link trashed on its own does cut the branch.
    w.run('node.restore', { id: mid });
    const ml = [...w.state.links.values()].find((l) => l.rec.source === leaf)?.rec.id ?? '';
    w.run('link.trash', { id: ml });
    expect(accessOf(w.state, m, leaf)).toBe(null);
  });

  it('[A1] several grants: the highest privilege wins; the workspace owner owns everything', () => {
    const w = new World();
    const m = w.member('m');
    const top = w.node();
    const leaf = w.node();
    w.link(leaf, top);
    w.grant(top, m, 1, true);
    w.grant(leaf, m, 3, false);
    expect(accessOf(w.state, m, leaf)).toBe(1);
    const mine = w.node({}, m);
    expect(accessOf(w.state, w.owner.id, mine)).toBe(0);
  });

  it('grants need admin access, never give more than the granter has, and can be revoked', () => {
    const w = new World();
    const m = w.member('m');
    const x = w.member('x');
    const n = w.node();
    w.grant(n, m, 2);
    expect(w.fail('access.grant', { node: n, member: x, level: 3 }, m).code).toBe(
      'forbidden.forbidden',
    );
    w.grant(n, m, 1);
    expect(w.fail('access.grant', { node: n, member: x, level: 0 as 1 }, m).code).toBe(
      'bad_request.invalid_params',
    );
    const b = w.run('access.grant', { node: n, email: 'x@example.com' }, m);
    expect(b.access[0]).toMatchObject({
      op: 20,
      before: {},
      after: { member: x, level: 3, branch: true },
    });
    const r = w.run('access.revoke', { node: n, member: x }, m);
    expect(r.access[0]).toMatchObject({ op: 21, after: {} });
    expect(accessOf(w.state, x, n)).toBe(null);
    expect(w.fail('access.revoke', { node: n, member: x }).code).toBe('not_found.grant_not_found');
  });

  it('only the workspace owner adds members, with unique emails', () => {
    const w = new World();
    const m = w.member('m');
    expect(w.fail('member.add', { username: 'z', email: 'z@example.com' }, m).code).toBe(
      'forbidden.forbidden',
    );
    expect(w.fail('member.add', { username: 'm2', email: 'M@example.com' }).code).toBe(
      'conflict.duplicate_member',
    );
  });

  it('[X2] a member may be added under an id chosen beforehand (a token is bound to it first); a taken id is refused', () => {
    const w = new World();
    const id = '0f0e0d0c-0b0a-4908-8706-050403020100';
    const b = w.run('member.add', { id, username: 'pia', email: 'pia@example.com' });
    expect(b.user[0]?.after).toEqual({ id, username: 'pia', email: 'pia@example.com' });
    expect(w.state.members.get(id)?.username).toBe('pia');
    expect(w.fail('member.add', { id, username: 'pia2', email: 'pia2@example.com' }).code).toBe(
      'conflict.duplicate_member',
    );
  });
});
