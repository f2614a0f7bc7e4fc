import { useMemo } from 'react';
import { ruleOf } from '../../shared/engine/constants';
import { activeLinks, useGraphStore } from '../state/graph-store';
import { useUiStore } from '../state/ui-store';

/**
 * The node's links, read from its side ("is parent of CAPL-2 Billing", "is child of …"):
 * each opens the link inspector.
 */
export function NodeLinks({ id }: { id: string }) {
  const nodes = useGraphStore((s) => s.nodes);
  const links = useGraphStore((s) => s.links);
  const customTypes = useGraphStore((s) => s.customTypes);
  const selectLink = useUiStore((s) => s.selectLink);
  const mine = useMemo(
    () => activeLinks(links, nodes).filter((l) => l.source === id || l.target === id),
    [links, nodes, id],
  );
  if (mine.length === 0) return null;
  return (
    <section aria-label="Links">
      <h3>Links</h3>
      <ul className="lg-link-list">
        {mine.map((l) => {
          const outgoing = l.source === id;
          const rule = ruleOf(
            l.link_type,
            l.custom_link_type ? customTypes.get(l.custom_link_type) : undefined,
          );
          const other = nodes.get(outgoing ? l.target : l.source);
          // A plain link blocks only while it is primary [L1].
          const verb =
            !l.link_type && l.type === 1
              ? outgoing
                ? 'linked to'
                : 'linked from'
              : outgoing
                ? rule.forward
                : rule.backward;
          return (
            <li key={l.id}>
              <button
                type="button"
                className="lg-link-button"
                onClick={() => selectLink(l.id)}
                aria-label={`Link ${l.display_id}: ${verb} ${other?.display_id ?? ''} ${other?.title ?? ''}`}
              >
                {verb} {other?.display_id} {other?.title}
              </button>
              <span className="lg-muted">{l.type === 0 ? 'blocking' : 'non-blocking'}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
