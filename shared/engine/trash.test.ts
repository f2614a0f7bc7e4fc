import { describe, expect, it } from 'vitest';
import { listTrash } from './index';
import { World } from './test-support/world';

describe('trash, restore and purge', () => {
  it('[R1] deleting a link moves it to trash; restoring brings it back with its cascade', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    const id = w.link(a, b);
    const t = w.run('link.trash', { id });
    expect(t.links[0]).toMatchObject({ op: 12, after: { in_trash: true } });
    expect(w.status(b)).toBe(0);
    expect(listTrash(w.state).links.map((l) => l.id)).toEqual([id]);
    const r = w.run('link.restore', { id });
    expect(r.links[0]?.op).toBe(13);
    expect(w.status(b)).toBe(2);
    expect(listTrash(w.state).links).toEqual([]);
  });

  it('[R1] deleting a node moves it and its links to trash; restoring restores links whose other end is active', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    const c = w.node();
    const ab = w.link(a, b);
    const ac = w.link(a, c);
    const batch = w.run('node.trash', { id: a });
    expect(batch.nodes.map((e) => e.op).sort()).toEqual([2, 2, 4]);
    expect(batch.links.map((e) => e.op)).toEqual([12, 12]);
    w.run('node.trash', { id: c });
    const r = w.run('node.restore', { id: a });
    expect(r.links.map((e) => (e.after as { id: string }).id)).toEqual([ab]);
    expect(w.l(ab).in_trash).toBe(false);
    expect(w.l(ac).in_trash).toBe(true); // c is still in trash
    expect(w.status(b)).toBe(2);
    w.run('node.restore', { id: c });
    expect(w.l(ac).in_trash).toBe(false);
    expect(w.status(c)).toBe(2);
  });

  it('[R1] links to purged nodes stay gone', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    const ab = w.link(a, b);
    w.run('node.trash', { id: b });
    const p = w.run('node.purge', { id: b });
    expect(p.nodes[0]).toMatchObject({ op: 6, after: {} });
    expect(p.links[0]).toMatchObject({ op: 14, after: {} });
    expect(w.state.links.has(ab)).toBe(false);
    expect(w.state.nodes.has(b)).toBe(false);
  });

  it('[R1] a restored node leaves in trash a link that now breaks a rule', () => {
    const w = new World();
    const p1 = w.node();
    const child = w.node();
    const old = w.link(p1, child, { link_type: 'is_parent_of' });
    w.run('node.trash', { id: p1 });
    w.link(w.node(), child, { link_type: 'is_parent_of' });
    w.run('node.restore', { id: p1 });
    expect(w.l(old).in_trash).toBe(true);
    expect(w.fail('link.restore', { id: old }).code).toBe(
      'bad_request.artifact_already_attached_to_a_parent',
    );
  });

  it('[R1] the trash lists a trashed node with the links that went with it', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    const ab = w.link(a, b);
    w.run('node.trash', { id: a });
    const t = listTrash(w.state);
    expect(t.nodes.map((n) => n.id)).toEqual([a]);
    expect(t.links.map((l) => l.id)).toEqual([ab]);
    expect(w.fail('link.restore', { id: ab }).code).toBe('bad_request.source_in_trash');
  });

  it('[R3] a viewer may neither update nor swap a link it does not own', () => {
    const w = new World();
    const v = w.member('v');
    const a = w.node();
    const b = w.node();
    const id = w.link(a, b, { type: 1 });
    w.grant(a, v, 3);
    w.grant(b, v, 3);
    expect(w.fail('link.update', { id, private: true }, v).code).toBe('forbidden.forbidden');
    expect(w.fail('link.swap', { id }, v).code).toBe('forbidden.forbidden');
  });

  it('[R3] a link may be trashed by its owner, or by an editor of its target who views its source', () => {
    const w = new World();
    const m = w.member('m');
    const v = w.member('v');
    const a = w.node();
    const b = w.node();
    const id = w.link(a, b, { type: 1 });
    w.grant(a, m, 3);
    w.grant(b, m, 2);
    w.grant(a, v, 3);
    w.grant(b, v, 3);
    expect(w.fail('link.trash', { id }, v).code).toBe('forbidden.forbidden');
    w.run('link.trash', { id }, m);
    expect(w.fail('link.restore', { id }, v).code).toBe('forbidden.forbidden');
    w.run('link.restore', { id }, m);
    expect(w.l(id).in_trash).toBe(false);
  });

  it('[R3] a node is trashed or restored by its owner or an admin, not an editor', () => {
    const w = new World();
    const m = w.member('m');
    const n = w.node();
    w.grant(n, m, 2);
    expect(w.fail('node.trash', { id: n }, m).code).toBe('forbidden.forbidden');
    w.grant(n, m, 1);
    w.run('node.trash', { id: n }, m);
    w.run('node.restore', { id: n }, m);
    expect(w.n(n).in_trash).toBe(false);
  });

  it('[R3] only the owner may purge, and only what is in trash', () => {
    const w = new World();
    const m = w.member('m');
    const n = w.node();
    w.grant(n, m, 1);
    expect(w.fail('node.purge', { id: n }).code).toBe('bad_request.node_not_in_trash');
    w.run('node.trash', { id: n }, m);
    expect(w.fail('node.purge', { id: n }, m).code).toBe('forbidden.forbidden');
    const mine = w.node({}, m);
    const id = w.link(mine, w.node({}, m), { type: 1 }, m);
    expect(w.fail('link.purge', { id }, m).code).toBe('bad_request.link_not_in_trash');
    w.run('link.trash', { id }, m);
    w.run('link.purge', { id }, m);
    w.run('node.purge', { id: n });
    expect(w.state.nodes.has(n)).toBe(false);
    expect(w.state.grants.get(m)?.has(n) ?? false).toBe(false);
  });

  it('[R3] emptying the trash purges every trashed node and link (workspace owner only)', () => {
    const w = new World();
    const m = w.member('m');
    const a = w.node();
    const b = w.node();
    const c = w.node();
    const ab = w.link(a, b, { type: 1 });
    w.link(b, c, { type: 1 });
    w.run('link.trash', { id: ab });
    w.run('node.trash', { id: c });
    expect(w.fail('trash.empty', {}, m).code).toBe('forbidden.forbidden');
    const batch = w.run('trash.empty', {});
    expect(batch.links.map((e) => e.op)).toEqual([14, 14]);
    expect(batch.nodes.map((e) => e.op)).toEqual([6]);
    expect(listTrash(w.state)).toEqual({ nodes: [], links: [] });
    expect([...w.state.nodes.keys()].sort()).toEqual([a, b].sort());
  });
});
