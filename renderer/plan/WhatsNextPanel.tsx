/**
 * "What's next" (plan.next, [PL3]): open work that can start, least slack first, then
 * priority, as the engine orders it; filterable by assignee. Clicking an item selects its
 * node and centres the canvas on it. Asked again whenever the schedule was refreshed.
 */
import { useEffect, useMemo, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { NextItem } from '../../shared/engine/plan/plan-queries';
import { query } from '../app/commands';
import { centreOn } from '../canvas/fit-graph';
import { useEditorStore } from '../state/editor-store';
import { useGraphStore } from '../state/graph-store';
import { useUiStore } from '../state/ui-store';
import { shortDate } from './plan-text';
import { formatDays } from './PlanFields';
import { usePlanStore } from './plan-store';

const LIMIT = 50;

export function WhatsNextPanel() {
  const revision = usePlanStore((s) => s.revision);
  const setNextOpen = usePlanStore((s) => s.setNextOpen);
  const members = useGraphStore((s) => s.members);
  const nodes = useGraphStore((s) => s.nodes);
  const selected = useUiStore((s) => s.selectedNode);
  const flow = useReactFlow();
  const [assignee, setAssignee] = useState('');
  const [answer, setAnswer] = useState<{ key: string; items: NextItem[] } | null>(null);
  const key = `${revision}:${assignee}`;

  useEffect(() => {
    let live = true;
    void query('plan.next', { limit: LIMIT, ...(assignee ? { assignee } : {}) }).then(
      (r) => live && r && setAnswer({ key, items: r.items }),
    );
    return () => {
      live = false;
    };
  }, [key, assignee]);

  // Who can be picked: the members, and every name already assigned on the plan.
  const people = useMemo(() => {
    const names = new Map<string, string>();
    for (const m of members) names.set(m.username.toLowerCase(), m.username);
    for (const n of nodes.values())
      for (const who of n.assignee ?? [])
        names.set(who.toLowerCase(), names.get(who.toLowerCase()) ?? who);
    return [...names.values()].sort((a, b) => a.localeCompare(b));
  }, [members, nodes]);

  const show = (item: NextItem) => {
    const record = useGraphStore.getState().nodes.get(item.node.id) ?? item.node;
    useUiStore.getState().select(record.id);
    // Selected in the full list (a virtualised canvas may not hold the node yet).
    useEditorStore.getState().selectSoon([record.id]);
    centreOn(flow, record);
  };

  const items = answer?.items ?? [];
  return (
    <aside
      className="lg-panel lg-next"
      aria-label="What’s next"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          setNextOpen(false);
        }
      }}
    >
      <header className="lg-panel__header">
        <h2>What’s next</h2>
        <button type="button" aria-label="Close what’s next" onClick={() => setNextOpen(false)}>
          ×
        </button>
      </header>
      <label>
        Assignee
        <select value={assignee} onChange={(e) => setAssignee(e.target.value)}>
          <option value="">Everyone</option>
          {people.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      {answer && items.length === 0 && (
        <p className="lg-muted">
          {assignee ? `Nothing can start now for ${assignee}.` : 'Nothing can start now.'}
        </p>
      )}
      <ol className="lg-next__list" aria-label="Next work">
        {items.map((item) => (
          <li key={item.id} data-node={item.id}>
            <button
              type="button"
              className="lg-link-button"
              aria-current={selected === item.id ? 'true' : undefined}
              onClick={() => show(item)}
            >
              {item.node.display_id} {item.node.title || 'Untitled'}
            </button>
            <span className="lg-next__meta">
              {shortDate(item.start)} → {shortDate(item.finish)} ·{' '}
              <span className={item.slack < 0 ? 'lg-next__slack--negative' : undefined}>
                slack {formatDays(item.slack)}
              </span>
              {item.critical ? ' · critical' : ''}
              {item.late_by !== undefined ? ` · late ${formatDays(item.late_by)}` : ''}
              {item.node.assignee?.length ? ` · ${item.node.assignee.join(', ')}` : ''}
            </span>
          </li>
        ))}
      </ol>
    </aside>
  );
}
