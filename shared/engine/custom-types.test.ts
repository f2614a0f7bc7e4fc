import { describe, expect, it } from 'vitest';
import type { CustomLinkType } from '../model/types';
import { World } from './test-support/world';

function defineType(w: World, extra: Record<string, unknown> = {}): CustomLinkType {
  const b = w.run('link_type.create', {
    name: 'feeds',
    forward_name: 'feeds',
    backward_name: 'is fed by',
    ...extra,
  });
  expect(b.link_types[0]?.op).toBe(40);
  return b.link_types[0]?.after as CustomLinkType;
}

describe('custom link types', () => {
  it('[C4] a custom type declares its blocker side (default source)', () => {
    const w = new World();
    const src = defineType(w);
    const tgt = defineType(w, { name: 'waits for', blocker: 'target' });
    const a = w.node();
    const b = w.node();
    w.link(a, b, { link_type: 'custom_link', custom_link_type: src.id, type: 0 });
    expect([w.status(a), w.status(b)]).toEqual([0, 2]);
    const c = w.node();
    const d = w.node();
    w.link(c, d, { link_type: 'custom_link', custom_link_type: tgt.id, type: 0 });
    expect([w.status(c), w.status(d)]).toEqual([2, 0]);
    // Without a type, custom links are secondary [L3].
    const e = w.link(w.node(), w.node(), { link_type: 'custom_link', custom_link_type: src.id });
    expect(w.l(e).type).toBe(1);
  });

  it('[C4] source_types and target_types limit the endpoint kinds', () => {
    const w = new World();
    const t = defineType(w, { source_types: ['issue'], target_types: ['product', 'feature'] });
    const issue = w.node({ kind: 'issue' });
    const task = w.node({ kind: 'task' });
    const product = w.node({ kind: 'product' });
    w.link(issue, product, { link_type: 'custom_link', custom_link_type: t.id });
    expect(
      w.fail('link.create', {
        source: task,
        target: product,
        link_type: 'custom_link',
        custom_link_type: t.id,
      }).code,
    ).toBe('bad_request.source_kind_not_allowed');
    expect(
      w.fail('link.create', {
        source: issue,
        target: task,
        link_type: 'custom_link',
        custom_link_type: t.id,
      }).code,
    ).toBe('bad_request.target_kind_not_allowed');
  });

  it('[C4] max_hops limits the chain length counting both directions', () => {
    const w = new World();
    const t = defineType(w, { max_hops: 3 });
    const n = Array.from({ length: 6 }, () => w.node());
    const p = { link_type: 'custom_link' as const, custom_link_type: t.id };
    w.link(n[1] as string, n[2] as string, p);
    w.link(n[3] as string, n[4] as string, p);
    w.link(n[0] as string, n[1] as string, p); // chain 0-1-2: 2 hops
    // Joining 2→3 would make 0-1-2-3-4: 4 hops.
    expect(
      w.fail('link.create', { source: n[2] as string, target: n[3] as string, ...p }).code,
    ).toBe('bad_request.max_hops_exceeded');
    w.link(n[2] as string, n[5] as string, p); // 0-1-2-5: 3 hops, allowed
  });

  it('[C4] deprecated types keep their links but accept no new ones; types are never deleted', () => {
    const w = new World();
    const t = defineType(w);
    const p = { link_type: 'custom_link' as const, custom_link_type: t.id };
    const a = w.node();
    const b = w.node();
    const id = w.link(a, b, p);
    const u = w.run('link_type.update', { id: t.id, is_deprecated: true });
    expect(u.link_types[0]).toMatchObject({ op: 41, after: { is_deprecated: true } });
    expect(w.fail('link.create', { source: b, target: w.node(), ...p }).code).toBe(
      'bad_request.link_type_deprecated',
    );
    expect(w.l(id).in_trash).toBe(false);
    w.run('link.trash', { id });
    w.run('link.restore', { id }); // an existing link may come back
    expect(w.state.linkTypes.has(t.id)).toBe(true);
    expect(w.fail('history.undo', { batchId: u.batchId }).code).toBe('bad_request.not_undoable');
  });

  it('[C4] names are unique; custom_link needs a custom type and the type must exist', () => {
    const w = new World();
    defineType(w);
    expect(
      w.fail('link_type.create', { name: 'Feeds', forward_name: 'f', backward_name: 'b' }).code,
    ).toBe('conflict.duplicate_link_type');
    const a = w.node();
    const b = w.node();
    expect(w.fail('link.create', { source: a, target: b, link_type: 'custom_link' }).code).toBe(
      'bad_request.custom_link_type_required',
    );
    expect(
      w.fail('link.create', {
        source: a,
        target: b,
        link_type: 'custom_link',
        custom_link_type: '00000000-0000-4000-8000-00000000abcd',
      }).code,
    ).toBe('not_found.link_type_not_found');
    expect(
      w.fail('link.create', {
        source: a,
        target: b,
        custom_link_type: '00000000-0000-4000-8000-00000000abcd',
      }).code,
    ).toBe('bad_request.custom_link_type_not_allowed');
  });
});
