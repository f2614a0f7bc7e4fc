import { useMemo, useState, type KeyboardEvent } from 'react';
import { STATUS_NAMES } from '../canvas/flow-elements';
import { matchNodes } from '../find/find-logic';
import { Dialog } from '../panels/Dialog';
import { activeNodes, useGraphStore } from '../state/graph-store';
import { createLink } from './actions';
import { useKeyboardStore } from './keyboard-store';

/** The list shows this many matches. */
const LIST_MAX = 8;

/**
 * L on a node: "Link TASK-1 to…". A search box (find's matching: display id, title, tag,
 * description) and its results; ↑/↓ choose, Enter creates the link from the node to the chosen
 * one with the toolbar's link settings, as a drawn link would. Escape closes; the focus goes
 * back to the card (Dialog). A refusal is shown as for a drawn link (a toast naming why).
 */
export function LinkPicker({ from }: { from: string }) {
  const nodes = useGraphStore((s) => s.nodes);
  const close = () => useKeyboardStore.getState().setLinkFrom(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const source = nodes.get(from);
  const matches = useMemo(
    () =>
      matchNodes(
        activeNodes(nodes).filter((n) => n.id !== from),
        query,
      ).slice(0, LIST_MAX),
    [nodes, from, query],
  );
  if (!source) return null;
  const chosen = matches[Math.min(active, matches.length - 1)];

  const pick = async (target: string) => {
    close();
    await createLink(from, target);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = matches.length;
      if (n > 0) setActive((Math.min(active, n - 1) + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (chosen) void pick(chosen.id);
    }
  };

  const listId = 'lg-link-picker-results';
  return (
    <Dialog title={`Link ${source.display_id} to…`} onClose={close}>
      <p className="lg-muted lg-link-picker__hint">
        {source.display_id} {source.title}: type a display id or title, ↑/↓ to choose, Enter to
        link.
      </p>
      <input
        type="text"
        className="lg-link-picker__input"
        role="combobox"
        aria-label="Link target"
        aria-expanded={matches.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={chosen ? `lg-link-target-${chosen.id}` : undefined}
        data-autofocus
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul
        id={listId}
        className="lg-search__results lg-link-picker__results"
        role="listbox"
        aria-label="Link targets"
      >
        {matches.map((m) => (
          <li
            key={m.id}
            id={`lg-link-target-${m.id}`}
            role="option"
            aria-selected={m === chosen}
            className="lg-search__result"
            onMouseDown={(e) => {
              e.preventDefault();
              void pick(m.id);
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
        {query.trim() !== '' && matches.length === 0 && (
          <li className="lg-search__more" role="presentation">
            No node matches.
          </li>
        )}
      </ul>
    </Dialog>
  );
}
