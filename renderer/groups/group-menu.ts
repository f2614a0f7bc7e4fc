/**
 * The groups' entries in the canvas's context menus (inspect/CanvasMenus.tsx): collapse or
 * expand a parent from its card's menu, and collapse/expand every group from the canvas's.
 */
import type { MenuItem } from '../inspect/ContextMenu';
import { useGroupStore } from './group-store';
import {
  collapseAllGroups,
  collapseGroup,
  expandAllGroups,
  expandGroup,
  isParent,
} from './use-group-view';

export function nodeGroupItems(id: string): MenuItem[] {
  if (!isParent(id)) return [];
  return useGroupStore.getState().collapsed.has(id)
    ? [{ label: 'Expand group', run: () => expandGroup(id) }]
    : [{ label: 'Collapse into a group', run: () => collapseGroup(id) }];
}

export function paneGroupItems(): MenuItem[] {
  return [
    { label: 'Collapse all groups', run: collapseAllGroups },
    {
      label: 'Expand all groups',
      run: expandAllGroups,
      disabled: useGroupStore.getState().collapsed.size === 0,
    },
  ];
}
