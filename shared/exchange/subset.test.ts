import { describe, expect, it } from 'vitest';
import { passesNodeFilter, NO_NODE_FILTER } from '../model/node-filter';
import type { ScheduleView } from '../engine/plan/plan-queries';
import { EXPORTERS } from './formats';
import { importNativeJson } from './native-json';
import { onlyNodes } from './subset';
import { sampleGraph } from './test-support/fixtures';

const hideCompleted = { ...NO_NODE_FILTER, hideStatuses: [3 as const] };

describe('exports: only what the filter shows', () => {
  it('[F1] keeps the active nodes that pass, the active links between them and their grants', () => {
    const graph = sampleGraph();
    const sub = onlyNodes(graph, (n) => passesNodeFilter(n, hideCompleted));
    const expected = graph.nodes.filter((n) => !n.in_trash && n.status !== 3);
    expect(sub.nodes.map((n) => n.id)).toEqual(expected.map((n) => n.id));
    const kept = new Set(expected.map((n) => n.id));
    expect(sub.links.map((l) => l.display_id)).toEqual(
      graph.links
        .filter((l) => !l.in_trash && kept.has(l.source) && kept.has(l.target))
        .map((l) => l.display_id),
    );
    // Node 3 is Completed (status 3): its link to node 4 and its grant are gone.
    expect(sub.links.map((l) => l.display_id)).not.toContain('LNK-3');
    expect(sub.grants.map((g) => g.node)).toEqual([graph.nodes[0]?.id]);
    expect(sub.members).toEqual(graph.members);
    expect(sub.custom_link_types).toEqual(graph.custom_link_types);
  });

  it('[F1] every format writes the subset, and the native file imports back', () => {
    const graph = sampleGraph();
    const sub = onlyNodes(graph, (n) => passesNodeFilter(n, hideCompleted));
    // Completed in the sample: FEAT-4 and TKT-8; ISS-1 blocks TASK-3 (LNK-1) and stays.
    // The plan's exports read the schedule, which the service computes over the whole plan
    // (here every node, so the filtered-out ones are in it): the subset decides what is written.
    const open = graph.nodes.filter((n) => !n.in_trash);
    const schedule: ScheduleView = {
      calendar: { plan_start: '2026-12-07', working_days: [1, 2, 3, 4, 5], holidays: [] },
      end: 1,
      end_date: '2026-12-07',
      nodes: open.map((n) => ({
        id: n.id,
        es: 0,
        ef: 1,
        start: '2026-12-07',
        finish: '2026-12-07',
        ls: 0,
        lf: 1,
        latest_finish: '2026-12-07',
        slack: 0,
        critical: true,
      })),
      critical: open.map((n) => n.id),
      critical_links: [],
      late: [],
    };
    for (const [format, exporter] of Object.entries(EXPORTERS)) {
      const text = exporter.write(exporter.schedule ? { ...sub, schedule } : sub);
      expect(text, format).toContain('ISS-1');
      expect(text, format).not.toContain('FEAT-4');
      expect(text, format).not.toContain('TKT-8');
    }
    const back = importNativeJson(EXPORTERS.json.write(sub));
    expect(back.ok).toBe(true);
    if (back.ok) {
      expect(back.value.nodes.map((n) => n.display_id)).toEqual(sub.nodes.map((n) => n.display_id));
      expect(back.value.links).toHaveLength(sub.links.length);
    }
  });
});
