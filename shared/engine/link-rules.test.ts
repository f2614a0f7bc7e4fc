import { describe, expect, it } from 'vitest';
import { toDevRevError } from './index';
import { World } from './test-support/world';

describe('link constraints', () => {
  it('[C1] a child has one parent: is_parent_of to an attached child fails with existing_parent, is_same false', () => {
    const w = new World();
    const p1 = w.node();
    const p2 = w.node();
    const child = w.node();
    w.link(p1, child, { link_type: 'is_parent_of' });
    const e = w.fail('link.create', { source: p2, target: child, link_type: 'is_parent_of' });
    expect(e).toMatchObject({
      code: 'bad_request.artifact_already_attached_to_a_parent',
      status: 400,
      existing_parent: p1,
      is_same: false,
    });
    expect(toDevRevError(e)).toMatchObject({
      type: 'artifact_already_attached_to_a_parent',
      existing_parent: p1,
      is_same: false,
    });
  });

  it('[C1] asking again for the same parent fails with is_same true', () => {
    const w = new World();
    const p = w.node();
    const child = w.node();
    w.link(p, child, { link_type: 'is_parent_of' });
    const e = w.fail('link.create', { source: p, target: child, link_type: 'is_parent_of' });
    expect(e).toMatchObject({ existing_parent: p, is_same: true });
  });

  it('[C1] a part has one parent: a second outgoing is_part_of fails both ways', () => {
    const w = new World();
    const part = w.node({ kind: 'feature' });
    const cap1 = w.node({ kind: 'capability' });
    const cap2 = w.node({ kind: 'capability' });
    w.link(part, cap1, { link_type: 'is_part_of' });
    expect(
      w.fail('link.create', { source: part, target: cap2, link_type: 'is_part_of' }),
    ).toMatchObject({
      code: 'bad_request.artifact_already_attached_to_a_parent',
      existing_parent: cap1,
      is_same: false,
    });
    expect(
      w.fail('link.create', { source: part, target: cap1, link_type: 'is_part_of' }),
    ).toMatchObject({
      existing_parent: cap1,
      is_same: true,
    });
    // Many parts may share one parent (more than one incoming is allowed).
    w.link(w.node({ kind: 'feature' }), cap1, { link_type: 'is_part_of' });
  });

  it('[C1] a trashed parent link does not count (the table is enforced on active links)', () => {
    const w = new World();
    const p1 = w.node();
    const child = w.node();
    const old = w.link(p1, child, { link_type: 'is_parent_of' });
    w.run('link.trash', { id: old });
    w.link(w.node(), child, { link_type: 'is_parent_of' });
  });

  it('[C1] is_merged_into allows one outgoing, is_follow_up_of one each way', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    const c = w.node();
    const ab = w.link(a, b, { link_type: 'is_merged_into' });
    expect(
      w.fail('link.create', { source: a, target: c, link_type: 'is_merged_into' }),
    ).toMatchObject({
      code: 'bad_request.too_many_outgoing',
      object_ids: [ab],
    });
    w.link(c, b, { link_type: 'is_merged_into' }); // many may merge into one
    const f = w.node();
    const g = w.node();
    const fg = w.link(f, g, { link_type: 'is_follow_up_of' });
    expect(
      w.fail('link.create', { source: w.node(), target: g, link_type: 'is_follow_up_of' }),
    ).toMatchObject({
      code: 'bad_request.too_many_incoming',
      object_ids: [fg],
    });
    expect(
      w.fail('link.create', { source: f, target: w.node(), link_type: 'is_follow_up_of' }).code,
    ).toBe('bad_request.too_many_outgoing');
  });

  it('[C1] cycles of is_parent_of, is_part_of and is_merged_into are refused, even secondary ones', () => {
    const w = new World();
    for (const lt of ['is_parent_of', 'is_part_of', 'is_merged_into'] as const) {
      const a = w.node();
      const b = w.node();
      const c = w.node();
      w.link(a, b, { link_type: lt, type: 1 });
      w.link(b, c, { link_type: lt, type: 1 });
      const e = w.fail('link.create', { source: c, target: a, link_type: lt, type: 1 });
      expect(e.code).toBe('conflict.cycle');
      expect(new Set(e.object_ids)).toEqual(new Set([a, b, c]));
    }
  });

  it('[C1] cycles of is_related_to and other free types are allowed when secondary', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    const c = w.node();
    w.link(a, b, { link_type: 'is_related_to' });
    w.link(b, c, { link_type: 'is_related_to' });
    w.link(c, a, { link_type: 'is_related_to' });
    expect(w.state.links.size).toBe(3);
  });

  it('[C2] a cycle of primary links is refused whatever the types allow', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    const c = w.node();
    w.link(a, b); // a blocks b
    w.link(b, c, { link_type: 'is_related_to', type: 0 }); // b blocks c
    // a is_dependent_on c: the target c would block a, closing a → b → c → a.
    const e = w.fail('link.create', { source: a, target: c, link_type: 'is_dependent_on' });
    expect(e.code).toBe('conflict.cycle');
    expect(e.object_ids).toEqual([a, b, c]);
    // A secondary link closing the same loop is fine.
    w.link(c, a, { type: 1 });
  });

  it('[C2] the topological order is repaired when a new edge goes against it', () => {
    const w = new World();
    const n = Array.from({ length: 6 }, () => w.node());
    const [n0, n1, n2, n3, n4, n5] = n as [string, string, string, string, string, string];
    w.link(n5, n4);
    w.link(n4, n3);
    w.link(n2, n1);
    w.link(n1, n0);
    w.link(n3, n2); // joins the two chains against creation order
    expect(w.fail('link.create', { source: n0, target: n5 }).code).toBe('conflict.cycle');
    expect(w.fail('link.create', { source: n2, target: n4 }).code).toBe('conflict.cycle');
    w.link(n5, n0, { link_type: 'is_related_to', type: 0 });
  });

  it('[C3] self-links are refused', () => {
    const w = new World();
    const a = w.node();
    expect(w.fail('link.create', { source: a, target: a })).toMatchObject({
      code: 'bad_request.self_link_not_allowed',
      status: 400,
    });
  });

  it('[C3] [L8] a second active link with the same source, target and type is a conflict; reversed too', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    const id = w.link(a, b, { link_type: 'is_related_to' });
    expect(
      w.fail('link.create', { source: a, target: b, link_type: 'is_related_to' }),
    ).toMatchObject({
      code: 'conflict.duplicate_link',
      status: 409,
      object_ids: [id],
    });
    expect(
      w.fail('link.create', { source: b, target: a, link_type: 'is_related_to' }),
    ).toMatchObject({
      code: 'conflict.duplicate_reversed_link',
      status: 409,
    });
    // Another type between the same nodes is a different link.
    w.link(a, b, { link_type: 'serves' });
  });

  it('[L8] endpoints in trash are refused with source_in_trash / target_in_trash', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    w.run('node.trash', { id: a });
    expect(w.fail('link.create', { source: a, target: b }).code).toBe(
      'bad_request.source_in_trash',
    );
    expect(w.fail('link.create', { source: b, target: a }).code).toBe(
      'bad_request.target_in_trash',
    );
  });

  it('[L8] editing a trashed link is refused with link_in_trash', () => {
    const w = new World();
    const id = w.link(w.node(), w.node());
    w.run('link.trash', { id });
    expect(w.fail('link.update', { id, type: 1 }).code).toBe('bad_request.link_in_trash');
    expect(w.fail('link.swap', { id }).code).toBe('bad_request.link_in_trash');
  });

  it('[R2] creating a link that is in trash restores it: same id, version +1, requested orientation, type and privacy', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    const id = w.link(a, b, { type: 0 });
    w.run('link.trash', { id });
    const v = w.l(id).version;
    const batch = w.run('link.create', { source: b, target: a, type: 1, private: true });
    expect(batch.links).toHaveLength(1);
    expect(batch.links[0]?.op).toBe(13);
    expect(w.l(id)).toMatchObject({
      source: b,
      target: a,
      type: 1,
      private: true,
      in_trash: false,
      version: v + 1,
    });
    expect(w.state.links.size).toBe(1);
  });

  it('[R2] the same link restored in its own orientation, and a different type is not restored', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    const id = w.link(a, b);
    w.run('link.trash', { id });
    expect(w.link(a, b)).toBe(id);
    expect(w.status(b)).toBe(2);
    w.run('link.trash', { id });
    const other = w.link(a, b, { link_type: 'is_related_to' });
    expect(other).not.toBe(id);
  });
});
