import { describe, expect, it } from 'vitest';
import { World } from './test-support/world';

describe('replace (links.replace)', () => {
  it('[P1] replace trashes the old link and creates the new one in one batch and one undo step', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    const c = w.node();
    const old = w.link(a, b);
    const batch = w.run('link.replace', { id: old, source: a, target: c });
    expect(batch.links.map((e) => e.op)).toEqual([12, 10]);
    const neu = (batch.links[1]?.after as { id: string }).id;
    expect(w.l(old).in_trash).toBe(true);
    expect(w.l(neu)).toMatchObject({ source: a, target: c, type: 0 });
    expect([w.status(b), w.status(c)]).toEqual([0, 2]);
    w.run('history.undo', { batchId: batch.batchId });
    expect(w.l(old).in_trash).toBe(false);
    expect(w.state.links.has(neu)).toBe(false);
    expect([w.status(b), w.status(c)]).toEqual([2, 0]);
  });

  it('[P2] part re-parenting: the one-parent check sees the old link as already gone', () => {
    const w = new World();
    const enh = w.node({ kind: 'enhancement' });
    const cap1 = w.node({ kind: 'capability' });
    const cap2 = w.node({ kind: 'capability' });
    const old = w.link(enh, cap1, { link_type: 'is_part_of' });
    // As two steps this would fail: the part already has a parent.
    expect(w.fail('link.create', { source: enh, target: cap2, link_type: 'is_part_of' }).code).toBe(
      'bad_request.artifact_already_attached_to_a_parent',
    );
    const batch = w.run('link.replace', { id: old, source: enh, target: cap2 });
    const neu = batch.links[1]?.after as { id: string; link_type: string; target: string };
    expect(neu).toMatchObject({ link_type: 'is_part_of', target: cap2 });
    expect(w.l(old).in_trash).toBe(true);
  });

  it('[P2] between parts any new built-in type and endpoints are allowed', () => {
    const w = new World();
    const f = w.node({ kind: 'feature' });
    const p = w.node({ kind: 'product' });
    const e = w.node({ kind: 'enhancement' });
    const c = w.node({ kind: 'capability' });
    const old = w.link(f, p, { link_type: 'is_part_of' });
    const batch = w.run('link.replace', {
      id: old,
      source: c,
      target: e,
      link_type: 'is_parent_of',
    });
    expect(batch.links[1]?.after).toMatchObject({
      source: c,
      target: e,
      link_type: 'is_parent_of',
    });
  });

  it('[P3] a non-part endpoint: a new type is refused and nothing changes', () => {
    const w = new World();
    const t = w.node({ kind: 'task' });
    const p = w.node({ kind: 'product' });
    const old = w.link(t, p, { link_type: 'is_part_of' });
    expect(
      w.fail('link.replace', { id: old, source: t, target: p, link_type: 'is_related_to' }).code,
    ).toBe('bad_request.replace_not_allowed');
  });

  it('[P3] a non-part endpoint: the new link must share the source or the target', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    const c = w.node();
    const d = w.node();
    const old = w.link(a, b, { link_type: 'is_related_to' });
    expect(w.fail('link.replace', { id: old, source: c, target: d }).code).toBe(
      'bad_request.replace_not_allowed',
    );
    w.run('link.replace', { id: old, source: c, target: b });
    expect(w.l(old).in_trash).toBe(true);
  });

  it('[P3] a custom type between parts keeps its type: another custom type is refused', () => {
    const w = new World();
    const t1 = w.run('link_type.create', {
      name: 'feeds',
      forward_name: 'feeds',
      backward_name: 'is fed by',
    });
    const t2 = w.run('link_type.create', {
      name: 'owns',
      forward_name: 'owns',
      backward_name: 'is owned by',
    });
    const id1 = (t1.link_types[0]?.after as { id: string }).id;
    const id2 = (t2.link_types[0]?.after as { id: string }).id;
    const a = w.node({ kind: 'product' });
    const b = w.node({ kind: 'feature' });
    const c = w.node({ kind: 'feature' });
    const old = w.link(a, b, { link_type: 'custom_link', custom_link_type: id1 });
    expect(
      w.fail('link.replace', {
        id: old,
        source: a,
        target: c,
        link_type: 'custom_link',
        custom_link_type: id2,
      }).code,
    ).toBe('bad_request.replace_not_allowed');
    const ok = w.run('link.replace', { id: old, source: a, target: c });
    expect(ok.links[1]?.after).toMatchObject({ custom_link_type: id1, target: c });
  });

  it('[P1] [H2] replacing a link by its reverse can be undone and redone', () => {
    const w = new World();
    const a = w.node({ kind: 'feature' });
    const b = w.node({ kind: 'feature' });
    const old = w.link(a, b, { link_type: 'is_related_to', type: 0 });
    const batch = w.run('link.replace', { id: old, source: b, target: a }); // [P2] parts
    expect([w.status(a), w.status(b)]).toEqual([2, 0]);
    w.run('history.undo', { batchId: batch.batchId });
    expect([w.status(a), w.status(b)]).toEqual([0, 2]);
    w.run('history.redo', { batchId: batch.batchId });
    expect([w.status(a), w.status(b)]).toEqual([2, 0]);
  });

  it('[P1] a refused new link (cycle) leaves the old link in place', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    const c = w.node();
    w.link(b, c);
    const old = w.link(a, b);
    expect(w.fail('link.replace', { id: old, source: c, target: b }).code).toBe(
      'conflict.duplicate_reversed_link',
    );
    expect(w.l(old).in_trash).toBe(false);
  });
});
