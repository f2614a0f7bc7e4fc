/**
 * The collapse/expand control on a parent's card, and what a collapsed card says about what
 * it hides. A pill on the card's top edge, so an expanded parent's card keeps its size; it
 * takes no drag and does not select the card (the card itself does).
 */
import type { MouseEvent } from 'react';
import type { GroupMark } from './collapse';
import { collapseGroup, expandGroup } from './use-group-view';
import './groups.css';

const stop = (event: MouseEvent) => event.stopPropagation();

export function GroupControl({ id, name, group }: { id: string; name: string; group: GroupMark }) {
  const hidden = group.collapsed;
  if (!hidden) {
    return (
      <button
        type="button"
        className="lg-group-toggle nodrag nopan"
        aria-label={`Collapse ${name} (${group.children} ${group.children === 1 ? 'child' : 'children'})`}
        title="Collapse: show this parent as one card"
        onMouseDown={stop}
        onClick={(e) => {
          stop(e);
          collapseGroup(id);
        }}
      >
        ▾ {group.children}
      </button>
    );
  }
  return (
    <>
      <button
        type="button"
        className="lg-group-toggle lg-group-toggle--collapsed nodrag nopan"
        aria-label={`Expand ${name} (${hidden.members} hidden)`}
        title="Expand: show every card of this group again"
        onMouseDown={stop}
        onClick={(e) => {
          stop(e);
          expandGroup(id);
        }}
      >
        ▸ {hidden.members}
      </button>
      <div className="lg-group-summary" data-testid="group-summary">
        <span data-hidden={hidden.members}>{hidden.members} hidden</span>
        {hidden.blocked > 0 && (
          <span className="lg-group-summary__blocked" data-blocked={hidden.blocked}>
            {' · '}
            {hidden.blocked} blocked
          </span>
        )}
      </div>
    </>
  );
}
