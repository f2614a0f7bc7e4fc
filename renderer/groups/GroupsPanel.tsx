/**
 * "Collapse all / Expand all" in the canvas's top-left corner, shown while the plan has a
 * parts hierarchy (a parent with children). Also in the canvas's context menu.
 */
import { Panel } from '@xyflow/react';
import { useGroupStore } from './group-store';
import { collapseAllGroups, expandAllGroups, useHierarchy } from './use-group-view';
import './groups.css';

export function GroupsPanel() {
  const parents = useHierarchy().children.size;
  const collapsed = useGroupStore((s) => s.collapsed.size);
  if (parents === 0) return null;
  return (
    <Panel position="top-left" className="lg-groups-panel" role="group" aria-label="Groups">
      <span className="lg-groups-panel__label">Groups</span>
      <button type="button" onClick={collapseAllGroups}>
        Collapse all
      </button>
      <button type="button" onClick={expandAllGroups} disabled={collapsed === 0}>
        Expand all
      </button>
    </Panel>
  );
}
