import { useEffect, useMemo, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { NODE_KINDS, type NodeKind, type NodeStatus } from '../../shared/model/types';
import { query } from '../app/commands';
import { centreOn, fitGraph } from '../canvas/fit-graph';
import { STATUS_NAMES } from '../canvas/flow-elements';
import { useGraphStore } from '../state/graph-store';
import { useUiStore } from '../state/ui-store';
import { passesFilters } from './find-logic';
import { useFocusReach } from './use-find-view';
import { isFiltering, NO_FILTERS, useFindStore } from './find-store';
import './find.css';

const STATUSES = [0, 1, 2, 3] as const satisfies readonly NodeStatus[];

/**
 * "Focus & filters" in the toolbar: a button opening a panel with focus on the selected node
 * (upstream, downstream, "why is this blocked?") and the filters. It takes no room from the
 * canvas and covers it only while open (it stays open while the person works with the
 * canvas, so a focus can be changed node after node). Every control is a plain button,
 * checkbox or select, reached with Tab and worked with Space/Enter.
 */
export function FindBar() {
  useLiveChain();
  const [open, setOpen] = useState(false);
  // The panel opens towards the wider side of the window: the toolbar wraps on narrow
  // windows, so the button may sit at either end of a row.
  const [leftward, setLeftward] = useState(true);
  const focus = useFindStore((s) => s.focus);
  const chain = useFindStore((s) => s.chain);
  const filtering = useFindStore((s) => isFiltering(s.filters));
  const on = focus || chain || filtering;
  return (
    <div className="lg-toolbar__group lg-findbar">
      <button
        type="button"
        aria-expanded={open}
        onClick={(event) => {
          const box = event.currentTarget.getBoundingClientRect();
          setLeftward(box.left + box.width / 2 > window.innerWidth / 2);
          setOpen(!open);
        }}
      >
        Focus &amp; filters{on ? ' •' : ''} ▾
      </button>
      {open && (
        <div
          className={`lg-findbar__panel${leftward ? '' : ' lg-findbar__panel--rightward'}`}
          role="group"
          aria-label="Focus and filters"
        >
          <FocusControls />
          <FilterControls />
        </div>
      )}
    </div>
  );
}

/** Keeps a shown chain current while the panel is closed too. */
function useLiveChain() {
  const chain = useFindStore((s) => s.chain);
  const setChain = useFindStore((s) => s.setChain);
  const nodes = useGraphStore((s) => s.nodes);
  const links = useGraphStore((s) => s.links);
  // The chain is the service's answer: asked again whenever the graph changes while shown.
  const chainId = chain?.id;
  useEffect(() => {
    if (!chainId) return;
    let live = true;
    void query('node.blockers', { id: chainId }).then((r) => {
      if (!live || !r) return;
      setChain({
        id: chainId,
        nodes: new Set([chainId, ...r.chain.map((s) => s.node.id)]),
        links: new Set(r.chain.map((s) => s.link.id)),
      });
    });
    return () => {
      live = false;
    };
  }, [chainId, nodes, links, setChain]);
}

function FocusControls() {
  const selected = useUiStore((s) => s.selectedNode);
  const focus = useFindStore((s) => s.focus);
  const chain = useFindStore((s) => s.chain);
  const setFocus = useFindStore((s) => s.setFocus);
  const setChain = useFindStore((s) => s.setChain);
  const nodes = useGraphStore((s) => s.nodes);
  // Focus stays on its node while the person clicks around; a new selection moves it there.
  const target = selected ?? focus?.id ?? chain?.id ?? null;
  const record = target ? nodes.get(target) : undefined;

  // What the focus or the chain lights up is brought into view, by the records' stored
  // positions (a virtualised canvas may not hold those cards: fit-graph.ts).
  const flow = useReactFlow();
  const reachNow = useFocusReach();
  const lit = chain?.nodes ?? reachNow?.nodes;
  const litKey = lit ? [...lit].sort().join() : '';
  useEffect(() => {
    if (!litKey) return;
    const all = useGraphStore.getState().nodes;
    const records = litKey.split(',').flatMap((id) => all.get(id) ?? []);
    if (records.length === 1 && records[0]) centreOn(flow, records[0]);
    else fitGraph(flow, records);
  }, [litKey, flow]);

  if (!record || record.in_trash)
    return (
      <section className="lg-find__group" aria-label="Focus">
        <span className="lg-find__label lg-muted">Select a node to focus on what blocks it</span>
      </section>
    );
  const on = focus?.id === record.id ? focus : null;
  const toggle = (side: 'upstream' | 'downstream') => {
    const next = {
      id: record.id,
      upstream: on?.upstream ?? false,
      downstream: on?.downstream ?? false,
    };
    next[side] = !next[side];
    setChain(null);
    setFocus(next.upstream || next.downstream ? next : null);
  };
  const showingChain = chain?.id === record.id;
  return (
    <section className="lg-find__group" aria-label="Focus">
      <span className="lg-find__label">
        Focus <strong>{record.display_id}</strong>
      </span>
      <button type="button" aria-pressed={!!on?.upstream} onClick={() => toggle('upstream')}>
        Upstream
      </button>
      <button type="button" aria-pressed={!!on?.downstream} onClick={() => toggle('downstream')}>
        Downstream
      </button>
      {record.status === 2 && (
        <button
          type="button"
          aria-pressed={showingChain}
          onClick={() => {
            setFocus(null);
            setChain(
              showingChain
                ? null
                : { id: record.id, nodes: new Set([record.id]), links: new Set() },
            );
          }}
        >
          Why is this blocked?
        </button>
      )}
      {(focus || chain) && (
        <button
          type="button"
          onClick={() => {
            setFocus(null);
            setChain(null);
          }}
        >
          Clear focus
        </button>
      )}
    </section>
  );
}

function FilterControls() {
  const filters = useFindStore((s) => s.filters);
  const setFilters = useFindStore((s) => s.setFilters);
  const nodes = useGraphStore((s) => s.nodes);
  const members = useGraphStore((s) => s.members);
  const [open, setOpen] = useState(false);
  const { tags, total, shown } = useMemo(() => {
    const tagSet = new Set<string>();
    let count = 0;
    let pass = 0;
    for (const n of nodes.values()) {
      if (n.in_trash) continue;
      count++;
      for (const t of n.tags) tagSet.add(t);
      if (passesFilters(n, filters)) pass++;
    }
    return { tags: [...tagSet].sort(), total: count, shown: pass };
  }, [nodes, filters]);
  const active = isFiltering(filters);
  return (
    <section className="lg-find__group" aria-label="Filters">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        Filter{active ? ` (${shown} of ${total})` : ''} ▾
      </button>
      {active && (
        <button type="button" onClick={() => setFilters(NO_FILTERS)}>
          Show all
        </button>
      )}
      {open && (
        <div className="lg-find__filters" role="group" aria-label="Filter nodes">
          <fieldset>
            <legend>Show statuses</legend>
            {STATUSES.map((s) => (
              <label key={s} className="lg-check">
                <input
                  type="checkbox"
                  checked={!filters.hideStatuses.includes(s)}
                  onChange={(e) =>
                    setFilters({
                      hideStatuses: e.target.checked
                        ? filters.hideStatuses.filter((h) => h !== s)
                        : [...filters.hideStatuses, s],
                    })
                  }
                />
                {STATUS_NAMES[s]}
              </label>
            ))}
          </fieldset>
          <label>
            Kind
            <select
              aria-label="Filter by kind"
              value={filters.kind}
              onChange={(e) => setFilters({ kind: e.target.value as NodeKind | '' })}
            >
              <option value="">Any kind</option>
              {NODE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k.replace('_', ' ')}
                </option>
              ))}
            </select>
          </label>
          <label>
            Tag
            <select
              aria-label="Filter by tag"
              value={filters.tag}
              onChange={(e) => setFilters({ tag: e.target.value })}
            >
              <option value="">Any tag</option>
              {tags.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <label>
            Owner
            <select
              aria-label="Filter by owner"
              value={filters.owner}
              onChange={(e) => setFilters({ owner: e.target.value })}
            >
              <option value="">Anyone</option>
              {members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.username}
                </option>
              ))}
            </select>
          </label>
          <label className="lg-check">
            <input
              type="checkbox"
              checked={filters.blockedOnly}
              onChange={(e) => setFilters({ blockedOnly: e.target.checked })}
            />
            Only what is blocked right now
          </label>
        </div>
      )}
    </section>
  );
}
