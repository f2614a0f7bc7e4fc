/**
 * [PL1] [PL3] The planning fields over SynapTask's REST payloads (`dueDate`, `assignee`, as
 * SynapTask names them) and the planning reads over /rpc, against a real server and store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeRecord } from '../../shared/model/types';
import type { ScheduleView } from '../../shared/engine';
import { startLiveServer, type LiveServer } from './test-support/live-server';

let server: LiveServer;
beforeAll(async () => {
  server = await startLiveServer();
});
afterAll(() => server.close());

const rpc = async (method: string, params: unknown) =>
  (await server.call('POST', `/rpc/${method}`, params)).json;

describe('[PL1] planning over the SynapTask API', () => {
  it('[PL1] POST /api/node takes dueDate (ISO-8601 UTC) and assignee; PUT /api/node changes and clears them', async () => {
    const res = await server.call('POST', '/api/node', {
      title: 'Ship the release',
      dueDate: '2026-12-24T23:30:00Z',
      assignee: ['ann@example.com', 'Bob'],
      estimate: 2,
    });
    expect(res.status).toBe(200);
    const added = (res.json.diff as { nodes: { after: NodeRecord }[] }).nodes[0]?.after;
    expect(added).toMatchObject({
      due_date: '2026-12-24',
      assignee: ['ann@example.com', 'Bob'],
      estimate: 2,
    });
    const id = added?.id as string;
    const upd = await server.call('PUT', '/api/node', { id, dueDate: null, assignee: ['Bob'] });
    expect(upd.status).toBe(200);
    const after = (upd.json.diff as { nodes: { after: NodeRecord }[] }).nodes[0]?.after;
    expect(after?.due_date).toBeUndefined();
    expect(after?.assignee).toEqual(['Bob']);
  });

  it('[PL1] a bad dueDate or assignee is 400 with SynapTask’s names and writes nothing', async () => {
    for (const [body, code] of [
      [{ title: 'x', dueDate: 'next friday' }, 'bad_request.invalid_due_datetime'],
      [{ title: 'x', dueDate: '2026-13-01T00:00:00Z' }, 'bad_request.invalid_due_datetime'],
      [{ title: 'x', assignee: 'ann' }, 'bad_request.invalid_assignee'],
      [{ title: 'x', estimate: -2 }, 'bad_request.invalid_params'],
    ] as const) {
      const before = server.filesOnDisk();
      const res = await server.call('POST', '/api/node', body);
      expect(res.status).toBe(400);
      expect(res.json.error ?? res.json.code).toBe(code);
      expect(server.filesOnDisk()).toEqual(before);
    }
  });

  it('[PL2] [PL3] calendar.set, plan.schedule, plan.next and plan.load over /rpc', async () => {
    const cal = await rpc('calendar.set', { plan_start: '2026-12-07' });
    expect(cal.ok).toBe(true);
    const a = await server.call('POST', '/api/node', { title: 'first', estimate: 3 });
    const aId = (a.json.diff as { nodes: { after: NodeRecord }[] }).nodes[0]?.after.id as string;
    const b = await server.call('POST', '/api/node', {
      title: 'second',
      estimate: 2,
      assignee: ['Bob'],
      target: aId,
    });
    const bId = (b.json.diff as { nodes: { after: NodeRecord }[] }).nodes[0]?.after.id as string;
    const schedule = (await rpc('plan.schedule', {})).value as ScheduleView;
    // "second" is linked under "first": a plain link from the new node to its target, so the
    // new node blocks the target.
    expect(schedule.nodes.find((n) => n.id === bId)).toMatchObject({ es: 0, ef: 2 });
    expect(schedule.nodes.find((n) => n.id === aId)).toMatchObject({ es: 2, ef: 5 });
    expect(schedule.calendar.plan_start).toBe('2026-12-07');
    const next = (await rpc('plan.next', { assignee: 'bob' })).value as { items: { id: string }[] };
    // Bob's open work: "second" and the release of the first test; "first" waits (Blocked).
    expect(next.items.map((i) => i.id)).toContain(bId);
    expect(next.items).toHaveLength(2);
    const all = (await rpc('plan.next', {})).value as { items: { id: string }[] };
    expect(all.items.map((i) => i.id)).not.toContain(aId);
    const load = (await rpc('plan.load', { weeks: 2 })).value as {
      rows: { assignee: string | null; load: number[] }[];
    };
    expect(load.rows.find((r) => r.assignee === 'Bob')?.load).toEqual([4, 0]);
  });
});
