import { useState, type KeyboardEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { NodeRecord } from '../../shared/model/types';
import { centreOn } from '../canvas/fit-graph';
import { STATUS_NAMES } from '../canvas/flow-elements';
import { useEditorStore } from '../state/editor-store';
import { useOutline } from '../state/outline-store';
import { useUiStore } from '../state/ui-store';
import { useFindStore } from './find-store';
import { useMatches } from './use-find-view';
import { revealInGroups } from '../groups/use-group-view';
import './find.css';

const RESULTS_ID = 'lg-search-results';
/** The list shows this many; the count says how many there are in all. */
const LIST_MAX = 50;

/**
 * Search by display id, title, tag or description: a results list (display id, title, kind,
 * status), Enter for the next match and Shift+Enter for the previous, every match outlined on
 * the canvas and the current one selected and centred — by its record, so it works on a
 * virtualised canvas where the node may not be mounted yet (fit-graph.ts).
 */
export function SearchBox() {
  const query = useFindStore((s) => s.query);
  const setQuery = useFindStore((s) => s.setQuery);
  const current = useFindStore((s) => s.current);
  const setCurrent = useFindStore((s) => s.setCurrent);
  const matches = useMatches();
  // While a large plan's outline shows, its records are still on their way: no match yet
  // means nothing (the search runs again by itself once they come).
  const loading = useOutline() !== null;
  const flow = useReactFlow();
  const [open, setOpen] = useState(false);

  const goTo = (index: number, hit: NodeRecord | undefined) => {
    if (!hit) return;
    setCurrent(index);
    // A hit inside a collapsed group: its groups open, so its card can be shown (editor.md).
    revealInGroups(hit.id);
    useUiStore.getState().select(hit.id);
    // Selected in the full list (a virtualised canvas may not hold the node yet).
    useEditorStore.getState().selectSoon([hit.id]);
    centreOn(flow, hit);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      setOpen(false);
      return;
    }
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (!query.trim()) return;
    if (matches.length === 0) {
      useUiStore
        .getState()
        .toast(
          'info',
          loading
            ? 'The plan’s nodes are still loading: search again in a moment.'
            : `No node matches “${query.trim()}”.`,
        );
      return;
    }
    const n = matches.length;
    const next = event.shiftKey ? (current <= 0 ? n - 1 : current - 1) : (current + 1) % n;
    goTo(next, matches[next]);
  };

  const showList = open && query.trim() !== '';
  const active = matches[current];
  return (
    <div className="lg-toolbar__group lg-search" role="search">
      <input
        type="search"
        aria-label="Search nodes"
        placeholder="Search…"
        role="combobox"
        aria-expanded={showList}
        aria-controls={RESULTS_ID}
        aria-autocomplete="list"
        aria-activedescendant={showList && active ? `lg-result-${active.id}` : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {query.trim() !== '' && (
        <span className="lg-search__count" aria-live="polite" data-testid="search-count">
          {matches.length === 0
            ? loading
              ? 'Loading…'
              : 'No matches'
            : current >= 0
              ? `${current + 1} of ${matches.length}`
              : `${matches.length} ${matches.length === 1 ? 'match' : 'matches'}`}
        </span>
      )}
      {showList && (
        <ul
          id={RESULTS_ID}
          className="lg-search__results"
          role="listbox"
          aria-label="Search results"
        >
          {matches.slice(0, LIST_MAX).map((m, i) => (
            <li
              key={m.id}
              id={`lg-result-${m.id}`}
              role="option"
              aria-selected={i === current}
              className="lg-search__result"
              // Chosen on press, before the input's blur closes the list.
              onMouseDown={(e) => {
                e.preventDefault();
                goTo(i, m);
              }}
            >
              <span className="lg-search__id">{m.display_id}</span>
              <span className="lg-search__title">{m.title || 'Untitled'}</span>
              <span className="lg-search__kind">{m.kind.replace('_', ' ')}</span>
              <span className={`lg-search__status lg-search__status--${m.status}`}>
                {STATUS_NAMES[m.status]}
              </span>
            </li>
          ))}
          {matches.length > LIST_MAX && (
            <li className="lg-search__more" role="presentation">
              {matches.length - LIST_MAX} more: Enter walks through all of them
            </li>
          )}
          {matches.length === 0 && (
            <li className="lg-search__more" role="presentation">
              {loading ? 'The plan’s nodes are still loading…' : 'No node matches.'}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
