/**
 * The columns of the two CSV files, shared by the exporter and the importer. Columns marked
 * "readable only" help a person reading the sheet and are ignored on import.
 */
import type { CustomLinkType, LinkRecord, NodeRecord } from '../model/types';
import type { CsvCell } from './csv-format';
import { LINK_KIND_NAMES, STATUS_NAMES, linkForwardName } from './names';

interface Column<R> {
  name: string;
  value: (record: R) => CsvCell;
}

export const NODE_COLUMNS: Column<NodeRecord>[] = [
  { name: 'id', value: (n) => n.id },
  { name: 'display_id', value: (n) => n.display_id },
  { name: 'title', value: (n) => n.title },
  { name: 'description', value: (n) => n.description },
  { name: 'kind', value: (n) => n.kind },
  { name: 'status', value: (n) => n.status },
  { name: 'status_name', value: (n) => STATUS_NAMES[n.status] }, // readable only
  { name: 'dependent', value: (n) => n.dependent },
  { name: 'owner', value: (n) => n.owner },
  { name: 'x', value: (n) => n.position.x },
  { name: 'y', value: (n) => n.position.y },
  // A JSON array: any separator could occur inside a tag.
  { name: 'tags', value: (n) => (n.tags.length ? JSON.stringify(n.tags) : '') },
  { name: 'priority', value: (n) => n.priority },
  { name: 'version', value: (n) => n.version },
  { name: 'created_time', value: (n) => n.created_time },
  { name: 'last_edited_time', value: (n) => n.last_edited_time },
  { name: 'in_trash', value: (n) => n.in_trash },
  // [PL1] planning fields; empty when not set. Assignees as a JSON array, like tags.
  { name: 'due_date', value: (n) => n.due_date },
  { name: 'start_date', value: (n) => n.start_date },
  { name: 'estimate', value: (n) => n.estimate },
  { name: 'assignee', value: (n) => (n.assignee?.length ? JSON.stringify(n.assignee) : '') },
];

export function linkColumns(
  customTypes: ReadonlyMap<string, CustomLinkType>,
  displayIds: ReadonlyMap<string, string>,
): Column<LinkRecord>[] {
  return [
    { name: 'id', value: (l) => l.id },
    { name: 'display_id', value: (l) => l.display_id },
    { name: 'source', value: (l) => l.source },
    { name: 'target', value: (l) => l.target },
    { name: 'source_display_id', value: (l) => displayIds.get(l.source) }, // readable only
    { name: 'target_display_id', value: (l) => displayIds.get(l.target) }, // readable only
    { name: 'link_type', value: (l) => l.link_type },
    { name: 'custom_link_type', value: (l) => l.custom_link_type },
    {
      name: 'custom_link_type_name',
      value: (l) => (l.custom_link_type ? customTypes.get(l.custom_link_type)?.name : undefined),
    },
    { name: 'label', value: (l) => linkForwardName(l, customTypes) }, // readable only
    { name: 'type', value: (l) => l.type },
    { name: 'type_name', value: (l) => LINK_KIND_NAMES[l.type] }, // readable only
    { name: 'private', value: (l) => l.private },
    { name: 'owner', value: (l) => l.owner },
    { name: 'was_blocker', value: (l) => l.was_blocker },
    { name: 'version', value: (l) => l.version },
    { name: 'in_trash', value: (l) => l.in_trash },
    { name: 'created_by', value: (l) => l.created_by },
    { name: 'created_time', value: (l) => l.created_time },
    { name: 'modified_by', value: (l) => l.modified_by },
    { name: 'modified_time', value: (l) => l.modified_time },
  ];
}
