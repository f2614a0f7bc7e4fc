/**
 * [PL1] The planning fields and the calendar: validated by the shared schemas, written in
 * history images, undone and redone, kept by both snapshot forms (old files load: none).
 */
import { describe, expect, it } from 'vitest';
import { World } from '../test-support/world';
import { fromSnapshot, toSnapshot, toStoredSnapshot } from '../index';
import { recordsOf } from '../test-support/invariants';
import { NodeRecordSchema } from '../../model/schemas';

describe('[PL1] planning fields', () => {
  it('[PL1] a node carries due_date, start_date, estimate and assignee; null clears one', () => {
    const w = new World();
    const id = w.node({ title: 'x', estimate: 2.5, due_date: '2026-12-24', assignee: ['ann'] });
    expect(w.n(id)).toMatchObject({ estimate: 2.5, due_date: '2026-12-24', assignee: ['ann'] });
    expect('start_date' in w.n(id)).toBe(false);
    const b = w.run('node.update', { id, start_date: '2026-12-01', estimate: null, assignee: [] });
    expect(w.n(id).start_date).toBe('2026-12-01');
    expect('estimate' in w.n(id)).toBe(false);
    expect('assignee' in w.n(id)).toBe(false);
    // The batch's images hold the fields both ways.
    expect(b.nodes[0]?.before).toMatchObject({ estimate: 2.5, assignee: ['ann'] });
    expect(b.nodes[0]?.after).toMatchObject({ start_date: '2026-12-01' });
    // The same values again change nothing and make no batch.
    const same = w.run('node.update', { id, start_date: '2026-12-01', due_date: '2026-12-24' });
    expect(same.nodes).toEqual([]);
    // A plain node keeps the plain record (no planning keys at all).
    expect(Object.keys(w.n(w.node({ title: 'plain' })))).toEqual(
      Object.keys(NodeRecordSchema.shape).slice(0, 15),
    );
  });

  it('[PL1] bad values are refused by the shared schemas, naming the field, and change nothing', () => {
    const w = new World();
    const id = w.node({ title: 'x' });
    expect(w.fail('node.update', { id, estimate: -1 }).code).toBe('bad_request.invalid_params');
    expect(w.fail('node.update', { id, due_date: '2026-02-30' }).message).toContain('due_date');
    expect(w.fail('node.update', { id, start_date: '2026-12-01T00:00:00Z' }).message).toContain(
      'start_date',
    );
    expect(w.fail('node.create', { assignee: ['ann', 'ann'] }).message).toContain('assignee');
    // SynapTask's names for its two fields [N4]
    expect(w.fail('node.create', { assignee: [' '] }).code).toBe('bad_request.invalid_assignee');
    expect(w.fail('node.create', { due_date: '24.12.2026' }).code).toBe(
      'bad_request.invalid_due_datetime',
    );
    expect(
      w.fail('nodes.update', { ids: [id], patch: { estimate: Number.POSITIVE_INFINITY } }).code,
    ).toBe('bad_request.invalid_params');
  });

  it('[PL1] [H2] field changes and the calendar are one batch each, undone and redone exactly', () => {
    const w = new World();
    const id = w.node({ title: 'x' });
    const start = recordsOf(w.state);
    const b1 = w.run('nodes.update', { ids: [id], patch: { estimate: 3, assignee: ['bob'] } });
    const b2 = w.run('calendar.set', { plan_start: '2026-12-07', holidays: ['2026-12-25'] });
    expect(b2.calendar).toEqual([
      {
        op: 50,
        before: {},
        after: {
          plan_start: '2026-12-07',
          working_days: [1, 2, 3, 4, 5],
          holidays: ['2026-12-25'],
        },
      },
    ]);
    const changed = recordsOf(w.state);
    w.run('history.undo', { batchId: b2.batchId });
    expect(w.state.calendar).toBeUndefined();
    w.run('history.undo', { batchId: b1.batchId });
    expect(recordsOf(w.state)).toBe(start);
    w.run('history.redo', { batchId: b1.batchId });
    w.run('history.redo', { batchId: b2.batchId });
    expect(recordsOf(w.state)).toBe(changed);
  });

  it('[PL1] only the workspace owner sets the calendar; a calendar needs a working day', () => {
    const w = new World();
    const m = w.member('m');
    expect(w.fail('calendar.set', { holidays: [] }, m).code).toBe('forbidden.forbidden');
    expect(w.fail('calendar.set', { working_days: [] }).code).toBe('bad_request.invalid_params');
    expect(w.fail('calendar.set', { working_days: [0] }).code).toBe('bad_request.invalid_params');
    expect(w.fail('calendar.set', {}).code).toBe('bad_request.invalid_params');
  });

  it('[PL1] both snapshot forms keep the fields and the calendar; files without them load as none', () => {
    const w = new World();
    const a = w.node({ title: 'a', estimate: 1.5, due_date: '2027-01-04', assignee: ['ann'] });
    w.node({ title: 'b' });
    w.run('calendar.set', { working_days: [1, 2, 3, 4], holidays: ['2026-12-31'] });
    const whole = JSON.stringify(toSnapshot(w.state));
    const back = fromSnapshot(JSON.parse(whole));
    expect(back.ok && JSON.stringify(toSnapshot(back.value))).toBe(whole);
    const stored = toStoredSnapshot(w.state);
    expect(stored.planning).toEqual([0, '2027-01-04', null, 1.5, ['ann']]);
    for (const trusted of [true, false]) {
      const loaded = fromSnapshot(JSON.parse(JSON.stringify(stored)), { trusted });
      expect(loaded.ok && JSON.stringify(toSnapshot(loaded.value))).toBe(whole);
    }
    // A file written before planning existed: no `planning` column, no calendar.
    const { planning: _p, calendar: _c, ...old } = stored;
    const loaded = fromSnapshot(JSON.parse(JSON.stringify(old)), { trusted: true });
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.calendar).toBeUndefined();
    expect('estimate' in (loaded.value.nodes.get(a)?.rec ?? {})).toBe(false);
    // A damaged planning column is a clear refusal, not a crash.
    const torn = fromSnapshot({ ...JSON.parse(JSON.stringify(stored)), planning: [0, 1] });
    expect(!torn.ok && torn.error.code).toBe('bad_request.invalid_snapshot');
    const bad = fromSnapshot({
      ...JSON.parse(JSON.stringify(stored)),
      planning: [0, '2027-13-01', null, 1, null],
    });
    expect(!bad.ok && bad.error.code).toBe('bad_request.invalid_snapshot');
  });
});
