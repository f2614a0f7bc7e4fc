import { describe, expect, it } from 'vitest';
import type { NodeRecord } from '../../shared/model/types';
import type { GraphState } from '../state/graph-store';
import { initials, shortDate } from './plan-text';
import type { LinkgraphApi } from '../../shared/contract/api';
import { setApi } from '../app/commands';
import { useGraphStore } from '../state/graph-store';
import { movesSchedule, refreshSchedule } from './plan-refresh';
import { usePlanStore } from './plan-store';

const node = (patch: Partial<NodeRecord> = {}): NodeRecord =>
  ({
    id: 'a',
    title: 'A',
    status: 0,
    in_trash: false,
    dependent: true,
    priority: 0,
    position: { x: 0, y: 0 },
    ...patch,
  }) as NodeRecord;
const state = (nodes: NodeRecord[]): GraphState =>
  ({
    workspace: { id: 'w' },
    viewer: 'm',
    nodes: new Map(nodes.map((n) => [n.id, n])),
    links: new Map(),
  }) as unknown as GraphState;

describe('cards’ planning line', () => {
  it('[PL1] initials of names and emails; short dates name the year only when it is not this one', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('grace.hopper@navy.mil')).toBe('GH');
    expect(initials('Jean Baptiste de Lamarck')).toBe('JL');
    expect(initials('bob')).toBe('B');
    expect(initials('émile')).toBe('É');
    expect(shortDate('2030-03-08', 2030)).toBe('8 Mar');
    expect(shortDate('2030-12-24', 2026)).toBe('24 Dec 2030');
  });
});

describe('movesSchedule', () => {
  it('[PL2] asks the schedule again only for changes the schedule reads', () => {
    const a = node({ estimate: 1, assignee: ['x'] });
    const before = state([a]);
    // Moved or renamed: nothing to ask (the assignee list is a new array of the same names).
    expect(
      movesSchedule(before, state([{ ...a, position: { x: 9, y: 9 }, assignee: ['x'] }])),
    ).toBe(false);
    expect(movesSchedule(before, state([{ ...a, title: 'B' }]))).toBe(false);
    expect(movesSchedule(before, state([{ ...a, estimate: 2 }]))).toBe(true);
    expect(movesSchedule(before, state([{ ...a, due_date: '2030-01-01' }]))).toBe(true);
    expect(movesSchedule(before, state([{ ...a, status: 3 }]))).toBe(true);
    expect(movesSchedule(before, state([{ ...a, assignee: ['y'] }]))).toBe(true);
    expect(movesSchedule(before, state([a, node({ id: 'b' })]))).toBe(true);
  });
});

describe('refreshSchedule', () => {
  it('[PL2] asks plan.schedule only while a due date exists or a planning view is on', async () => {
    const calls: unknown[] = [];
    const view = {
      late: [{ id: 'a', late_by: 1 }],
      critical: ['a'],
      critical_links: [],
      end_date: '2030-01-01',
    };
    setApi({
      'plan.schedule': (p: unknown) => {
        calls.push(p);
        return Promise.resolve({ ok: true, value: view });
      },
    } as unknown as LinkgraphApi);
    const graph = useGraphStore.getState();
    graph.setView({ workspace: { id: 'w' }, member: 'm', nodes: [node()], links: [] } as never);
    await refreshSchedule();
    expect(calls).toHaveLength(0);
    usePlanStore.getState().setShowCritical(true);
    await refreshSchedule();
    expect(calls).toHaveLength(1);
    expect(usePlanStore.getState().critical.has('a')).toBe(true);
    usePlanStore.getState().setShowCritical(false);
    graph.setView({
      workspace: { id: 'w' },
      member: 'm',
      nodes: [node({ due_date: '2030-01-01' })],
      links: [],
    } as never);
    await refreshSchedule();
    expect(calls).toHaveLength(2);
    expect(usePlanStore.getState().late.get('a')).toBe(1);
    // The due date gone and no view on: the marks go without asking.
    graph.setView({ workspace: { id: 'w' }, member: 'm', nodes: [node()], links: [] } as never);
    await refreshSchedule();
    expect(calls).toHaveLength(2);
    expect(usePlanStore.getState().late.size).toBe(0);
  });
});

describe('refreshSchedule with the timeline', () => {
  it('[PL4] the timeline open is a reason to ask; its answer is kept whole for it', async () => {
    const calls: unknown[] = [];
    const view = { nodes: [{ id: 'a' }], late: [], critical: [], critical_links: [] };
    setApi({
      'plan.schedule': (p: unknown) => {
        calls.push(p);
        return Promise.resolve({ ok: true, value: view });
      },
    } as unknown as LinkgraphApi);
    useGraphStore
      .getState()
      .setView({ workspace: { id: 'w' }, member: 'm', nodes: [node()], links: [] } as never);
    const plan = usePlanStore.getState();
    plan.setShowCritical(false);
    plan.setNextOpen(false);
    plan.setTimelineOpen(false);
    await refreshSchedule();
    expect(calls).toHaveLength(0);
    expect(usePlanStore.getState().view).toBeNull();
    usePlanStore.getState().setTimelineOpen(true);
    await refreshSchedule();
    expect(calls).toHaveLength(1);
    expect(usePlanStore.getState().view).toBe(view);
    // Closed again, nothing else showing it: the answer is dropped.
    usePlanStore.getState().setTimelineOpen(false);
    await refreshSchedule();
    expect(usePlanStore.getState().view).toBeNull();
  });
});
