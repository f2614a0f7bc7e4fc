import { describe, expect, it } from 'vitest';
import { fromSnapshot, toSnapshot } from './index';
import { recordsOf } from './test-support/invariants';
import { World } from './test-support/world';

function sample(): World {
  const w = new World();
  const a = w.node({ title: 'A' });
  const b = w.node({ title: 'B' });
  w.exec(w.owner.id, { name: 'link.create', params: { source: a, target: b } });
  return w;
}

describe('loading a snapshot from the workspace files (trusted)', () => {
  it('[S1] gives the same workspace as the fully validated load', () => {
    const snapshot = JSON.parse(JSON.stringify(toSnapshot(sample().state))) as unknown;
    const checked = fromSnapshot(snapshot);
    const trusted = fromSnapshot(snapshot, { trusted: true });
    expect(checked.ok && trusted.ok).toBe(true);
    if (checked.ok && trusted.ok) expect(recordsOf(trusted.value)).toBe(recordsOf(checked.value));
  });

  it('[S1] still refuses what is not a snapshot, and structural damage', () => {
    expect(fromSnapshot({ nodes: [] }, { trusted: true })).toMatchObject({
      ok: false,
      error: { code: 'bad_request.invalid_snapshot' },
    });
    const snapshot = toSnapshot(sample().state);
    const dangling = { ...snapshot, nodes: snapshot.nodes.slice(1) };
    const loaded = fromSnapshot(dangling, { trusted: true });
    expect(loaded).toMatchObject({
      ok: false,
      error: { code: 'bad_request.invalid_snapshot', defect: 'dangling_reference' },
    });
    expect(!loaded.ok && loaded.error.message).toMatch(/is not a node/);
  });

  it('[S1] refuses a link whose creator or editor is not a member', () => {
    const snapshot = toSnapshot(sample().state);
    for (const field of ['created_by', 'modified_by'] as const) {
      const link = { ...snapshot.links[0]!, [field]: '99999999-9999-4999-8999-999999999999' };
      const loaded = fromSnapshot({ ...snapshot, links: [link] }, { trusted: true });
      expect(loaded).toMatchObject({ ok: false, error: { defect: 'dangling_reference' } });
      expect(!loaded.ok && loaded.error.message).toContain(field);
    }
  });
});
