/**
 * A view read while batches arrive (graph-store.ts, recordBatches): the batches folded in
 * meanwhile are folded into the view again, so whatever moment the view was read at, the
 * page ends at the latest state.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LinkgraphApi } from '../../shared/contract/api';
import { encodeRecords } from '../../shared/contract/graph-columns';
import type { GraphView } from '../../shared/contract/methods';
import { ok } from '../../shared/model/result';
import { reloadView, setApi, setCurrentMember } from '../app/commands';
import { applyBatch, type Records } from './apply-batch';
import { prepareView, recordBatches, useGraphStore, type BatchRecords } from './graph-store';
import { node, random, randomBatch, randomRecords } from './test-support/random-batch';

const WORKSPACE = { id: 'w1', name: 'Plan' };

const viewOf = (records: Records, member = 'me'): GraphView => ({
  workspace: WORKSPACE,
  member,
  nodes: [...records.nodes.values()],
  links: [...records.links.values()],
});

const shown = () => {
  const { nodes, links } = useGraphStore.getState();
  return { nodes: new Map(nodes), links: new Map(links) };
};

const titled = (id: number, title: string): BatchRecords =>
  ({
    nodes: [{ op: 1, before: node(id), after: node(id, 0, title) }],
    links: [],
  }) as unknown as BatchRecords;

afterEach(() => {
  useGraphStore.getState().setView(viewOf({ nodes: new Map(), links: new Map() }));
});

describe('a view read while batches arrive', () => {
  it('[X4] ends at the latest state, whenever the view was read after the noting began', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rnd = random(seed);
      const next = { node: 1000, link: 1000 };
      const states: Records[] = [randomRecords(rnd)];
      const batches: BatchRecords[] = [];
      for (let i = 0; i < 12; i++) {
        const batch = randomBatch(states[i]!, rnd, next);
        batches.push(batch);
        const { nodes, links } = applyBatch(states[i]!, batch);
        states.push({ nodes, links });
      }
      // Noting begins after batch k; the view is the state after batch j (k ≤ j).
      const k = Math.floor(rnd() * 12);
      const j = k + Math.floor(rnd() * (13 - k));
      const meanwhile = batches.slice(k).map((batch) => ({ batch, workspace: WORKSPACE.id }));
      useGraphStore.getState().setView(viewOf(states[j]!), meanwhile);
      const latest = states[12]!;
      expect(shown(), `seed ${seed}, k ${k}, j ${j}`).toEqual({
        nodes: new Map(latest.nodes),
        links: new Map(latest.links),
      });
    }
  });

  it('[X4] leaves out another workspace’s batches', () => {
    const records = { nodes: new Map([['n1', node(1)]]), links: new Map() };
    useGraphStore.getState().setView(viewOf(records), [
      { batch: titled(1, 'ours'), workspace: WORKSPACE.id },
      { batch: titled(1, 'theirs'), workspace: 'w2' },
    ]);
    expect(useGraphStore.getState().nodes.get('n1')?.title).toBe('ours');
  });

  it('[X4] a view prepared ahead is shown with the lists made then, unless batches fold in', () => {
    const records = { nodes: new Map([['n1', node(1)]]), links: new Map() };
    const view = viewOf(records);
    const made = prepareView(view);
    useGraphStore.getState().setView(view);
    expect(useGraphStore.getState().active).toBe(made.active);
    expect(useGraphStore.getState().nodes).toBe(made.records.nodes);
    // A batch noted meanwhile changes the records: the lists are made again, and show it.
    const later = viewOf(records);
    const stale = prepareView(later);
    useGraphStore.getState().setView(later, [{ batch: titled(1, 'new'), workspace: WORKSPACE.id }]);
    expect(useGraphStore.getState().active).not.toBe(stale.active);
    expect(useGraphStore.getState().active.nodes.map((n) => n.title)).toEqual(['new']);
  });

  it('[X4] notes what is folded in until stopped', () => {
    const stop = recordBatches();
    useGraphStore.getState().applyBatch(titled(0, 'first'), WORKSPACE.id);
    const noted = stop();
    useGraphStore.getState().applyBatch(titled(0, 'after'));
    expect(noted.map((a) => a.batch.nodes[0]?.after)).toEqual([node(0, 0, 'first')]);
  });
});

describe('reloadView', () => {
  /** A service whose `graph.columns` answers `view` only when `answer` is called. */
  function slowService(view: GraphView) {
    let answer = () => {};
    const asked: unknown[] = [];
    const api = {
      'graph.columns': (params?: unknown) => {
        asked.push(params);
        return new Promise((resolve) => {
          answer = () => {
            const index = new Map(view.nodes.map((n, i) => [n.id, i]));
            resolve(
              ok({
                workspace: view.workspace,
                member: view.member,
                nodes: encodeRecords(view.nodes),
                links: encodeRecords(view.links, { keys: ['source', 'target'], index }),
              }),
            );
          };
        });
      },
    } as unknown as LinkgraphApi;
    setApi(api);
    return { answer: () => answer(), asked };
  }

  it('[X4] a change that arrives while the plan is read is still shown once it is', async () => {
    setCurrentMember('me');
    // The view as read before the change: n1 titled "old".
    const service = slowService(
      viewOf({ nodes: new Map([['n1', node(1, 0, 'old')]]), links: new Map() }),
    );
    const loading = reloadView('me');
    // Another client retitles n1 meanwhile: the push is folded into what the page shows now.
    useGraphStore.getState().applyBatch(titled(1, 'new'), WORKSPACE.id);
    service.answer();
    await loading;
    expect(useGraphStore.getState().nodes.get('n1')?.title).toBe('new');
  });

  it('[X4] another member’s view is not given the person’s batches', async () => {
    setCurrentMember('me');
    const service = slowService(
      viewOf({ nodes: new Map([['n1', node(1, 0, 'as they see it')]]), links: new Map() }, 'them'),
    );
    const loading = reloadView('them');
    useGraphStore.getState().applyBatch(titled(1, 'the person’s change'), WORKSPACE.id);
    service.answer();
    await loading;
    expect(service.asked).toEqual([{ as: 'them' }]);
    expect(useGraphStore.getState().nodes.get('n1')?.title).toBe('as they see it');
  });
});
