import { useState } from 'react';
import { NODE_KINDS, type NodeKind, type NodeStatus } from '../../shared/model/types';
import {
  addTags,
  copySelection,
  duplicateSelection,
  setKind,
  setStatus,
  trashSelection,
} from '../app/selection';
import { useViewingAs } from '../app/view-as';
import { STATUS_NAMES } from '../canvas/flow-elements';
import { useEditorStore } from '../state/editor-store';

/**
 * Shown while several elements are selected (shift-drag a marquee, or shift-click): change
 * them all at once — status, kind, tags — or duplicate, copy or delete them. Each is one
 * command, so one undo step.
 */
export function SelectionBar() {
  const nodes = useEditorStore((s) => s.selectedNodes);
  const links = useEditorStore((s) => s.selectedLinks);
  const viewingAs = useViewingAs();
  const [tag, setTag] = useState('');
  if (nodes.length + links.length < 2 || viewingAs) return null;
  const what = [
    nodes.length ? `${nodes.length} node${nodes.length === 1 ? '' : 's'}` : '',
    links.length ? `${links.length} link${links.length === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  return (
    <div className="lg-selection" role="toolbar" aria-label="Selection">
      <strong>{what} selected</strong>
      {nodes.length > 0 && (
        <>
          <select
            aria-label="Set status of selected"
            value=""
            onChange={(e) => void setStatus(Number(e.target.value) as NodeStatus)}
          >
            <option value="" disabled>
              Status…
            </option>
            {STATUS_NAMES.map((name, status) =>
              status === 2 ? null : (
                <option key={name} value={status}>
                  {name}
                </option>
              ),
            )}
          </select>
          <select
            aria-label="Set kind of selected"
            value=""
            onChange={(e) => void setKind(e.target.value as NodeKind)}
          >
            <option value="" disabled>
              Kind…
            </option>
            {NODE_KINDS.map((k) => (
              <option key={k} value={k}>
                {k.replace('_', ' ')}
              </option>
            ))}
          </select>
          <form
            className="lg-row"
            onSubmit={(e) => {
              e.preventDefault();
              void addTags(tag.split(',')).then(() => setTag(''));
            }}
          >
            <input
              aria-label="Tag to add to selected"
              placeholder="tag"
              maxLength={50}
              value={tag}
              onChange={(e) => setTag(e.target.value)}
            />
            <button type="submit" disabled={!tag.trim()}>
              Add tag
            </button>
          </form>
          <button type="button" onClick={copySelection} title="Ctrl+C">
            Copy
          </button>
          <button type="button" onClick={() => void duplicateSelection()} title="Ctrl+D">
            Duplicate
          </button>
        </>
      )}
      <button type="button" className="lg-danger" onClick={() => void trashSelection()}>
        Delete
      </button>
    </div>
  );
}
