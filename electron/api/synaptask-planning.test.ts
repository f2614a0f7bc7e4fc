/**
 * [PL1] [PL3] The planning fields over SynapTask's REST payloads (`dueDate`, `assignee`, as
 * SynapTask names them) and the planning reads over /rpc, against a real server and store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeRecord } from '../../shared/model/types';
import type { ScheduleView } from '../../shared/engine';
import { startLiveServer, type LiveServer } from './test-support/live-server';
import { pythonHas, runPython } from './test-support/python';

const hasSocketIo = pythonHas(['socketio', 'websocket'], 'python-socketio client');

/** node:add then node:update with SynapTask's names, by python-socketio; prints both acks. */
const SOCKET_SCRIPT = `
import json, sys, socketio
sio = socketio.Client(reconnection=False)
sio.connect(sys.argv[1], auth={"api_token": sys.argv[2]}, transports=["websocket"])
added = sio.call("node:add", {"title": "Socket plan", "dueDate": "2027-01-15T08:00:00Z",
                              "assignee": ["ann@example.com"]}, timeout=10)
node_id = added["diff"]["nodes"][0]["after"]["id"]
updated = sio.call("node:update", {"id": node_id, "dueDate": None, "assignee": ["Bob", "Cy"]},
                   timeout=10)
refused = sio.call("node:add", {"title": "x", "dueDate": "soon"}, timeout=10)
sio.disconnect()
print(json.dumps({"added": added, "updated": updated, "refused": refused}))
`;

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

  it.skipIf(!hasSocketIo)(
    '[PL1] node:add and node:update over Socket.IO (python-socketio) take dueDate and assignee',
    async () => {
      const run = await runPython(['-c', SOCKET_SCRIPT, server.origin, server.token]);
      expect(run.stderr).toBe('');
      const out = JSON.parse(run.stdout) as Record<string, Record<string, unknown>>;
      const after = (ack: Record<string, unknown> | undefined) =>
        (ack?.diff as { nodes: { after: NodeRecord }[] }).nodes[0]?.after;
      expect(after(out.added)).toMatchObject({
        title: 'Socket plan',
        due_date: '2027-01-15',
        assignee: ['ann@example.com'],
      });
      const updated = after(out.updated);
      expect(updated?.due_date).toBeUndefined();
      expect(updated?.assignee).toEqual(['Bob', 'Cy']);
      expect(out.refused).toMatchObject({ ok: false });
      expect(JSON.stringify(out.refused)).toContain('bad_request.invalid_due_datetime');
      const graph = (await server.call('GET', '/api/graph?limit=1000')).json.graph as {
        nodes: NodeRecord[];
      };
      expect(graph.nodes.filter((n) => n.title === 'x')).toEqual([]);
    },
  );

  it('[PL5] GET /api/export?format=gantt|ics answers the schedule as Mermaid gantt and iCalendar', async () => {
    const schedule = (await rpc('plan.schedule', {})).value as ScheduleView;
    const graph = (await server.call('GET', '/api/graph?limit=1000')).json.graph as {
      nodes: NodeRecord[];
    };
    const second = graph.nodes.find((n) => n.title === 'second') as NodeRecord;
    const planned = schedule.nodes.find((n) => n.id === second.id);
    const get = (format: string) =>
      fetch(`${server.origin}/api/export?format=${format}`, {
        headers: { authorization: `Bearer ${server.token}` },
      });
    const gantt = await get('gantt');
    expect(gantt.status).toBe(200);
    expect(gantt.headers.get('content-disposition')).toMatch(/\.gantt\.mmd"$/);
    const chart = await gantt.text();
    expect(chart.startsWith('gantt\n')).toBe(true);
    // "second" drives "first": on the critical path, so tagged crit.
    expect(planned?.critical).toBe(true);
    expect(chart).toContain(
      `    second : crit, ${second.display_id}, ${planned?.start}, ${planned?.finish}\n`,
    );
    const ics = await get('ics');
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await ics.text();
    expect(text).toContain(`UID:${second.id}-finish@linkgraph\r\n`);
    expect(text).toContain(`SUMMARY:Finish: ${second.display_id} second\r\n`);
    expect(text).toContain(`DTSTART;VALUE=DATE:${planned?.finish.replace(/-/g, '')}\r\n`);
  });
});
