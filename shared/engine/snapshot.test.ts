import { describe, expect, it } from 'vitest';
import {
  execute,
  fromSnapshot,
  fromSnapshotSteps,
  RECORDS_PER_STEP,
  linkError,
  replayBatch,
  rollbackBatch,
  toDevRevError,
  toSnapshot,
  type Batch,
} from './index';
import { runCounting } from './test-support/run-steps';
import { makeDeps, World } from './test-support/world';

function sample(): World {
  const w = new World();
  const m = w.member('m');
  const a = w.node({ title: 'A', status: 1 });
  const b = w.node({ title: 'B', status: 1 });
  const c = w.node({ title: 'C', kind: 'feature' });
  w.link(a, b);
  w.link(c, a, { link_type: 'is_related_to' });
  w.grant(a, m, 2, true);
  w.run('link_type.create', { name: 'feeds', forward_name: 'feeds', backward_name: 'is fed by' });
  const t = w.link(b, c, { type: 1 });
  w.run('link.trash', { id: t });
  return w;
}

describe('snapshots and the journal', () => {
  it('a snapshot round-trips losslessly through JSON, including the status a Blocked node resumes', () => {
    const w = sample();
    const json = JSON.stringify(toSnapshot(w.state));
    const back = fromSnapshot(JSON.parse(json));
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(JSON.stringify(toSnapshot(back.value))).toBe(json);
    // The loaded workspace behaves the same: completing A returns B to InProgress.
    const [a, b] = [...back.value.nodes.values()].filter((n) => n.rec.kind === 'task');
    const r = execute(
      back.value,
      w.owner.id,
      { name: 'node.update', params: { id: a?.rec.id ?? '', status: 3 } },
      makeDeps(500),
    );
    expect(r.ok).toBe(true);
    expect(back.value.nodes.get(b?.rec.id ?? '')?.rec.status).toBe(1);
  });

  it('[S1] the exchange form loads in steps too (a team workspace’s imported plan): the same workspace', () => {
    const w = new World();
    const ids = Array.from({ length: 2 * RECORDS_PER_STEP + 5 }, (_, i) =>
      w.node({ title: `N${i}` }),
    );
    for (let i = 1; i < RECORDS_PER_STEP; i++) w.link(ids[i - 1]!, ids[i]!);
    const json = JSON.parse(JSON.stringify(toSnapshot(w.state))) as unknown;
    for (const trusted of [true, false]) {
      const { value, yields } = runCounting(fromSnapshotSteps(json, { trusted }));
      if (!value.ok) throw new Error(value.error.message);
      // A yield every RECORDS_PER_STEP of its ~6,000 records, and the finish's own (it was
      // one step: no yield at all).
      expect(yields).toBeGreaterThanOrEqual(6);
      expect(JSON.stringify(toSnapshot(value.value))).toBe(JSON.stringify(toSnapshot(w.state)));
    }
  });

  it('a hostile or inconsistent snapshot is an error value, never a throw', () => {
    const w = sample();
    const good = toSnapshot(w.state);
    const cases: unknown[] = [
      null,
      42,
      { ...good, format: 'nope' },
      { ...good, owner: '00000000-0000-4000-8000-00000000beef' },
      { ...good, links: [{ ...good.links[0], target: '00000000-0000-4000-8000-00000000beef' }] },
      { ...good, nodes: [...good.nodes, good.nodes[0]] },
      { ...good, nodes: [{ ...good.nodes[0], title: 'x'.repeat(81) }] },
      {
        ...good,
        links: [
          ...good.links,
          {
            ...good.links[0],
            id: '00000000-0000-4000-8000-00000000cafe',
            source: good.links[0]?.target,
            target: good.links[0]?.source,
            in_trash: false,
          },
        ],
      },
      { ...good, grants: [{ ...good.grants[0], node: '00000000-0000-4000-8000-00000000beef' }] },
      { ...good, history: { ...good.history, batches: [{ batchId: 'x' }] } },
    ];
    for (const c of cases) {
      const r = fromSnapshot(c);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toMatch(/^bad_request\.invalid_snapshot$/);
    }
  });

  it('a snapshot with stale statuses gets them recomputed', () => {
    const w = sample();
    const s = toSnapshot(w.state);
    const wrong = {
      ...s,
      nodes: s.nodes.map((n) => ({ ...n, status: n.status === 2 ? 1 : n.status })),
    };
    const r = fromSnapshot(JSON.parse(JSON.stringify(wrong)));
    expect(r.ok && JSON.stringify(toSnapshot(r.value).nodes)).toBe(JSON.stringify(s.nodes));
  });

  it('replayBatch re-applies journaled batches to the same end state, history included', () => {
    const w = new World();
    const start = JSON.stringify(toSnapshot(w.state));
    const journal: Batch[] = [];
    const keep = (b: Batch) => journal.push(JSON.parse(JSON.stringify(b)) as Batch);
    const m = w.member('m');
    keep(w.state.history.batches[0] as Batch);
    const a = w.node();
    const b = w.node();
    keep(w.state.history.batches[1] as Batch);
    keep(w.state.history.batches[2] as Batch);
    const steps: Batch[] = [
      w.run('link.create', { source: a, target: b }),
      w.run('access.grant', { node: a, member: m, level: 2 }),
      w.run('node.update', { id: a, status: 3 }),
      w.run('node.trash', { id: b }),
    ];
    steps.push(w.run('history.undo', { batchId: steps[3]?.batchId ?? '' }));
    for (const s of steps) keep(s);
    const fresh = fromSnapshot(JSON.parse(start));
    expect(fresh.ok).toBe(true);
    if (!fresh.ok) return;
    for (const b2 of journal) expect(replayBatch(fresh.value, b2).ok).toBe(true);
    expect(JSON.stringify(toSnapshot(fresh.value))).toBe(JSON.stringify(toSnapshot(w.state)));
    expect(replayBatch(fresh.value, { batchId: 'nope' }).ok).toBe(false);
  });

  it('rollbackBatch exactly undoes the batch execute just returned, without history', () => {
    const w = sample();
    const before = JSON.stringify(toSnapshot(w.state));
    const a = [...w.state.nodes.values()][0]?.rec.id ?? '';
    const batch = w.run('node.trash', { id: a });
    expect(rollbackBatch(w.state, batch).ok).toBe(true);
    expect(JSON.stringify(toSnapshot(w.state))).toBe(before);
    expect(rollbackBatch(w.state, batch).ok).toBe(false);
    const created = w.run('node.create', { title: 'n', target: a });
    expect(rollbackBatch(w.state, created).ok).toBe(true);
    expect(JSON.stringify(toSnapshot(w.state))).toBe(before);
    const again = w.run('node.create', { title: 'n' });
    expect((again.nodes[0]?.after as { display_id: string }).display_id).toBe('TASK-3');
  });
});

describe('journal edge cases', () => {
  it('rollbackBatch of an undo puts the batch back to done', () => {
    const w = new World();
    const a = w.node();
    const upd = w.run('node.update', { id: a, title: 'x' });
    const undo = w.run('history.undo', { batchId: upd.batchId });
    expect(rollbackBatch(w.state, undo).ok).toBe(true);
    expect(w.n(a).title).toBe('x');
    expect(w.state.history.undone.has(upd.batchId)).toBe(false);
    w.run('history.undo', { batchId: upd.batchId });
    expect(w.n(a).title).toBe('');
  });

  it('rollbackBatch puts back a batch the bounded history evicted, with its undone mark', () => {
    const w = new World(2);
    const a = w.node();
    const b1 = w.run('node.update', { id: a, title: 'x' });
    w.run('history.undo', { batchId: b1.batchId });
    const before = JSON.stringify(toSnapshot(w.state));
    const b3 = w.run('node.update', { id: a, priority: 5 });
    expect(w.state.history.byId.has(b1.batchId)).toBe(false);
    expect(rollbackBatch(w.state, b3).ok).toBe(true);
    expect(JSON.stringify(toSnapshot(w.state))).toBe(before);
    expect(w.state.history.undone.has(b1.batchId)).toBe(true);
  });

  it('[H2] rollbackBatch puts a batch evicted from the middle of the log back in its place', () => {
    const w = new World(4);
    const m = w.member('m');
    const a = w.node({}, m);
    w.run('node.update', { id: a, title: 'm1' }, m);
    w.run('node.update', { id: a, title: 'm2' }, m);
    const before = JSON.stringify(toSnapshot(w.state));
    // Owner 1 (member.add), M 3: the owner's next batch evicts M's oldest, the second in line.
    const next = w.run('node.create', {});
    expect(w.state.history.batches.map((b) => b.actor.id)).toEqual([w.owner.id, m, m, w.owner.id]);
    expect(rollbackBatch(w.state, next).ok).toBe(true);
    expect(JSON.stringify(toSnapshot(w.state))).toBe(before);
  });

  it('replayBatch refuses a batch that does not fit the state and changes nothing', () => {
    const w = new World();
    const a = w.node();
    const b = w.node();
    const batch = JSON.parse(
      JSON.stringify(w.run('link.create', { source: a, target: b })),
    ) as Batch;
    const fresh = new World();
    const before = JSON.stringify(toSnapshot(fresh.state));
    const r = replayBatch(fresh.state, batch);
    expect(!r.ok && r.error.code).toBe('bad_request.invalid_batch');
    expect(JSON.stringify(toSnapshot(fresh.state))).toBe(before);
  });
});

describe('errors', () => {
  it('[E1] one typed model: namespace.reason with the HTTP status of the namespace', () => {
    expect(linkError('bad_request.invalid_uuid', 'x')).toEqual({
      code: 'bad_request.invalid_uuid',
      status: 400,
      message: 'x',
    });
    expect(linkError('forbidden.forbidden_private', 'x').status).toBe(403);
    expect(linkError('not_found.target_not_found', 'x').status).toBe(404);
    expect(linkError('conflict.cycle', 'x').status).toBe(409);
    expect(linkError('rate_limited.too_many_requests', 'x', { retry_after: 7 })).toMatchObject({
      status: 429,
      retry_after: 7,
    });
    expect(linkError('internal.engine_error', 'x').status).toBe(500);
    expect(linkError('unauthorized.bad_token', 'x').status).toBe(401);
  });

  it('[E1] the DevRev shape keeps the extras under DevRev type names', () => {
    expect(
      toDevRevError(linkError('rate_limited.too_many_requests', 'slow', { retry_after: 3 })),
    ).toEqual({
      type: 'too_many_requests',
      message: 'slow',
      detail: 'rate_limited.too_many_requests',
      retry_after: 3,
    });
    expect(
      toDevRevError(linkError('forbidden.forbidden', 'no', { object_ids: ['x'] })),
    ).toMatchObject({
      type: 'forbidden',
      object_ids: ['x'],
    });
    expect(toDevRevError(linkError('internal.engine_error', 'x')).type).toBe('internal_error');
  });

  it('[E1] malformed ids are bad_request.invalid_uuid; unknown commands and members are refused', () => {
    const w = new World();
    expect(w.fail('link.create', { source: 'nope', target: 'nope' }).code).toBe(
      'bad_request.invalid_uuid',
    );
    const r = execute(w.state, w.owner.id, { name: 'link.explode', params: {} } as never, w.deps);
    expect(!r.ok && r.error.code).toBe('bad_request.unknown_command');
    const r2 = execute(
      w.state,
      '00000000-0000-4000-8000-00000000beef',
      { name: 'trash.empty', params: {} },
      w.deps,
    );
    expect(!r2.ok && r2.error.code).toBe('unauthorized.unknown_member');
  });
});
