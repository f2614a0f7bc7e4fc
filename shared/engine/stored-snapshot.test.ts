import { describe, expect, it } from 'vitest';
import {
  drain,
  fromSnapshot,
  fromSnapshotSteps,
  RECORDS_PER_STEP,
  toSnapshot,
  toStoredSnapshot,
  type StoredSnapshot,
} from './index';
import { rebuildOrderSteps } from './order';
import { LINK_FIELDS, NODE_FIELDS } from './stored-snapshot';
import { recordsOf } from './test-support/invariants';
import { World } from './test-support/world';
import { runCounting } from './test-support/run-steps';

/** A workspace with tags, a Blocked node that resumes InProgress, trash, a private link and a
 * custom link type. */
function sample(): World {
  const w = new World();
  const m = w.member('m1');
  const custom = w.run('link_type.create', {
    name: 'feeds',
    forward_name: 'feeds',
    backward_name: 'is fed by',
    blocker: 'target',
  }).link_types[0]?.after as { id: string };
  const a = w.node({ title: 'Blocker', tags: ['ops', 'q3'] });
  const b = w.node({ title: 'Blocked', status: 1 });
  const c = w.node({ title: 'Trashed' });
  w.exec(w.owner.id, { name: 'link.create', params: { source: a, target: b } });
  w.run('link.create', { source: a, target: c, type: 1, private: true });
  w.run('link.create', {
    source: b,
    target: c,
    type: 1,
    link_type: 'custom_link',
    custom_link_type: custom.id,
  });
  w.run('link.create', { source: c, target: a, type: 1, link_type: 'is_related_to' });
  w.run('node.trash', { id: c });
  void m;
  return w;
}

const text = (s: unknown) => JSON.parse(JSON.stringify(s)) as StoredSnapshot;

describe('the stored (compact) snapshot form', () => {
  it('[S1] loads back the same workspace as the exchange form, trusted or fully checked', () => {
    const w = sample();
    const blocked = [...w.state.nodes.values()].find((n) => n.rec.title === 'Blocked');
    expect(blocked?.rec.status).toBe(2);
    expect(blocked?.base).toBe(1);
    const stored = text(toStoredSnapshot(w.state));
    expect(stored.version).toBe(2);
    expect(stored.nodes).toHaveLength(3 * NODE_FIELDS.length);
    expect(stored.links).toHaveLength(4 * LINK_FIELDS.length);
    for (const trusted of [true, false]) {
      const loaded = fromSnapshot(stored, { trusted });
      if (!loaded.ok) throw new Error(loaded.error.message);
      expect(recordsOf(loaded.value)).toBe(recordsOf(w.state));
      expect(toSnapshot(loaded.value).resume_status).toEqual(toSnapshot(w.state).resume_status);
      expect(toSnapshot(loaded.value).history).toEqual(toSnapshot(w.state).history);
    }
  });

  it('[S1] loads in steps: a yield every RECORDS_PER_STEP records, the same workspace as at once', () => {
    const w = new World();
    const count = 2 * RECORDS_PER_STEP + 7;
    const ids = Array.from({ length: count }, (_, i) => w.node({ title: `N${i}` }));
    for (let i = 1; i <= RECORDS_PER_STEP + 3; i++) {
      w.run('link.create', { source: ids[i - 1] as string, target: ids[i] as string });
    }
    const stored = text(toStoredSnapshot(w.state));
    const { value: result, yields } = runCounting(fromSnapshotSteps(stored, { trusted: true }));
    if (!result.ok) throw new Error(result.error.message);
    // At least: nodes, a yield after each full step but the first (2); links, one before each
    // step (2); the builder's finish, its passes and its loops over 4,007 nodes and 2,003 links.
    expect(yields).toBeGreaterThanOrEqual(2 + 2 + 3 + 2);
    const small = fromSnapshotSteps(text(toStoredSnapshot(sample().state)), { trusted: true });
    let smallYields = 0;
    while (!small.next().done) smallYields++;
    expect(smallYields).toBeLessThan(yields - 4); // the record-driven yields are gone
    expect(recordsOf(result.value)).toBe(recordsOf(w.state));
    const whole = drain(fromSnapshotSteps(stored, { trusted: true }));
    if (!whole.ok) throw new Error(whole.error.message);
    expect(recordsOf(whole.value)).toBe(recordsOf(w.state));
    // A blocked chain's statuses are derived the same way in steps.
    const last = whole.value.nodes.get(ids[RECORDS_PER_STEP + 3] as string);
    expect(last?.rec.status).toBe(2);
  });

  it('[C2] the order is rebuilt in steps too (a yield every RECORDS_PER_STEP nodes placed), the same order', () => {
    const w = new World();
    const count = 2 * RECORDS_PER_STEP + 7;
    const ids = Array.from({ length: count }, (_, i) => w.node({ title: `N${i}` }));
    // Blockers created after what they block, so the order is not the creation order.
    for (let i = 1; i < count; i += 2)
      w.run('link.create', { source: ids[i] as string, target: ids[i - 1] as string });
    const ords = () => ids.map((id) => w.state.nodes.get(id)!.ord);
    const { value: result, yields } = runCounting(rebuildOrderSteps(w.state));
    expect(result).toEqual([]);
    // After the in-degrees, and after each RECORDS_PER_STEP nodes placed.
    expect(yields).toBe(1 + 2);
    const stepped = ords();
    expect(drain(rebuildOrderSteps(w.state))).toEqual([]);
    expect(ords()).toEqual(stepped);
    // Each blocker before what it blocks.
    for (let i = 1; i < count; i += 2) expect(stepped[i]!).toBeLessThan(stepped[i - 1]!);
    expect(new Set(stepped).size).toBe(count);
  });

  it('[S1] writes each repeated string once and links by node position', () => {
    const w = new World();
    const ids = Array.from({ length: 50 }, (_, i) => w.node({ title: `N${i}` }));
    for (let i = 1; i < ids.length; i++) {
      w.run('link.create', { source: ids[i - 1] as string, target: ids[i] as string, type: 1 });
    }
    const stored = toStoredSnapshot(w.state);
    const whole = toSnapshot(w.state);
    const columns = JSON.stringify([stored.strings, stored.nodes, stored.links]).length;
    expect(columns).toBeLessThan(JSON.stringify([whole.nodes, whole.links]).length * 0.6);
    expect(stored.strings.filter((s) => s === w.owner.id)).toHaveLength(1);
    // The second link joins the second and third nodes.
    expect(stored.links.slice(LINK_FIELDS.length + 2, LINK_FIELDS.length + 4)).toEqual([1, 2]);
  });

  it('[S1] refuses damaged columns with a named reason, trusted or not', () => {
    const good = text(toStoredSnapshot(sample().state));
    const damaged: [string, StoredSnapshot, RegExp][] = [
      ['a torn node column', { ...good, nodes: good.nodes.slice(1) }, /torn column/],
      [
        'a string index out of range',
        { ...good, nodes: good.nodes.map((v, i) => (i === 7 ? 9999 : v)) },
        /String index 9999/,
      ],
      [
        'a link to a node position that does not exist',
        { ...good, links: good.links.map((v, i) => (i === 3 ? 42 : v)) },
        /node 42, which is missing/,
      ],
      [
        'a number where a title belongs',
        { ...good, nodes: good.nodes.map((v, i) => (i === 2 ? 5 : v)) },
        /Expected a string/,
      ],
      ['no columns', { ...good, links: undefined as unknown as unknown[] }, /no columns/],
    ];
    for (const [what, snapshot, reason] of damaged) {
      for (const trusted of [true, false]) {
        const loaded = fromSnapshot(snapshot, { trusted });
        expect(loaded.ok, `${what} (trusted: ${String(trusted)})`).toBe(false);
        if (!loaded.ok) {
          expect(loaded.error.code).toBe('bad_request.invalid_snapshot');
          expect(loaded.error.message).toMatch(reason);
        }
      }
    }
  });

  it('[S1] an untrusted stored snapshot gets every record checked like an import', () => {
    const good = text(toStoredSnapshot(sample().state));
    // A kind outside the enum: the columns read fine, the record schema refuses it.
    const strings = good.strings.map((s) => (s === 'task' ? 'spaceship' : s));
    const bad = { ...good, strings };
    expect(fromSnapshot(bad)).toMatchObject({
      ok: false,
      error: { code: 'bad_request.invalid_snapshot' },
    });
  });
});
