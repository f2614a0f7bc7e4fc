/**
 * The GraphML attributes Linkgraph writes, as typed `<key>`s (attr.type string / int / boolean /
 * double), shared by the exporter and the importer so the two cannot drift apart.
 */
import type { CustomLinkType, LinkRecord, NodeRecord } from '../model/types';
import { LINK_KIND_NAMES, STATUS_NAMES, linkForwardName } from './names';

export type GraphmlType = 'string' | 'int' | 'boolean' | 'double';
type Value = string | number | boolean | undefined;

export interface GraphmlKey<R> {
  id: string;
  name: string;
  type: GraphmlType;
  value: (record: R) => Value;
}

const key = <R>(id: string, name: string, type: GraphmlType, value: (r: R) => Value) => ({
  id,
  name,
  type,
  value,
});

export const NODE_KEYS: GraphmlKey<NodeRecord>[] = [
  key('n_display_id', 'display_id', 'string', (n) => n.display_id),
  key('n_title', 'title', 'string', (n) => n.title),
  key('n_description', 'description', 'string', (n) => n.description),
  key('n_kind', 'kind', 'string', (n) => n.kind),
  key('n_status', 'status', 'int', (n) => n.status),
  key('n_status_name', 'status_name', 'string', (n) => STATUS_NAMES[n.status]),
  key('n_dependent', 'dependent', 'boolean', (n) => n.dependent),
  key('n_owner', 'owner', 'string', (n) => n.owner),
  key('n_x', 'x', 'double', (n) => n.position.x),
  key('n_y', 'y', 'double', (n) => n.position.y),
  // Tags as a JSON array: any separator could occur inside a tag.
  key('n_tags', 'tags', 'string', (n) => (n.tags.length ? JSON.stringify(n.tags) : undefined)),
  key('n_priority', 'priority', 'int', (n) => n.priority),
  key('n_version', 'version', 'int', (n) => n.version),
  key('n_created_time', 'created_time', 'string', (n) => n.created_time),
  key('n_last_edited_time', 'last_edited_time', 'string', (n) => n.last_edited_time),
  key('n_in_trash', 'in_trash', 'boolean', (n) => n.in_trash),
  // [PL1] planning fields, written only when set; assignees as a JSON array, like tags.
  key('n_due_date', 'due_date', 'string', (n) => n.due_date),
  key('n_start_date', 'start_date', 'string', (n) => n.start_date),
  key('n_estimate', 'estimate', 'double', (n) => n.estimate),
  key('n_assignee', 'assignee', 'string', (n) =>
    n.assignee?.length ? JSON.stringify(n.assignee) : undefined,
  ),
];

export function linkKeys(
  customTypes: ReadonlyMap<string, CustomLinkType>,
): GraphmlKey<LinkRecord>[] {
  return [
    key('e_display_id', 'display_id', 'string', (l) => l.display_id),
    key('e_link_type', 'link_type', 'string', (l) => l.link_type),
    key('e_custom_link_type', 'custom_link_type', 'string', (l) => l.custom_link_type),
    key('e_custom_link_type_name', 'custom_link_type_name', 'string', (l) =>
      l.custom_link_type === undefined ? undefined : customTypes.get(l.custom_link_type)?.name,
    ),
    key('e_label', 'label', 'string', (l) => linkForwardName(l, customTypes) || undefined),
    key('e_type', 'type', 'int', (l) => l.type),
    key('e_type_name', 'type_name', 'string', (l) => LINK_KIND_NAMES[l.type]),
    key('e_private', 'private', 'boolean', (l) => l.private),
    key('e_owner', 'owner', 'string', (l) => l.owner),
    key('e_was_blocker', 'was_blocker', 'boolean', (l) => l.was_blocker),
    key('e_version', 'version', 'int', (l) => l.version),
    key('e_in_trash', 'in_trash', 'boolean', (l) => l.in_trash),
    key('e_created_by', 'created_by', 'string', (l) => l.created_by),
    key('e_created_time', 'created_time', 'string', (l) => l.created_time),
    key('e_modified_by', 'modified_by', 'string', (l) => l.modified_by),
    key('e_modified_time', 'modified_time', 'string', (l) => l.modified_time),
  ];
}

export const GRAPH_NAME_KEY = { id: 'g_name', name: 'name', type: 'string' as const };
