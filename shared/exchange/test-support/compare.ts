/**
 * What each format carries, for round-trip comparisons: a projection of the workspace onto
 * the fields the format can hold, so "export → import" is compared on exactly those.
 */
import type { LinkRecord, NodeRecord } from '../../model/types';
import type { ExchangeGraph } from '../types';

type Pick<T, K extends keyof T> = { [P in K]: T[P] };
const pick = <T, K extends keyof T>(record: T, keys: readonly K[]): Pick<T, K> =>
  Object.fromEntries(keys.map((k) => [k, record[k]])) as Pick<T, K>;

/** Node fields GraphML and CSV carry (everything but the owner, who becomes the importer). */
export const TABULAR_NODE_FIELDS = [
  'id',
  'display_id',
  'title',
  'description',
  'kind',
  'status',
  'dependent',
  'position',
  'tags',
  'priority',
  'version',
  'created_time',
  'last_edited_time',
  'in_trash',
  'due_date',
  'start_date',
  'estimate',
  'assignee',
] as const satisfies readonly (keyof NodeRecord)[];

export const TABULAR_LINK_FIELDS = [
  'id',
  'display_id',
  'source',
  'target',
  'link_type',
  'type',
  'private',
  'was_blocker',
  'version',
  'in_trash',
  'created_time',
  'modified_time',
] as const satisfies readonly (keyof LinkRecord)[];

export function project(
  g: ExchangeGraph,
  nodeFields: readonly (keyof NodeRecord)[],
  linkFields: readonly (keyof LinkRecord)[],
) {
  const customName = new Map(g.custom_link_types.map((t) => [t.id, t.name]));
  return {
    nodes: g.nodes.map((n) => pick(n, nodeFields)),
    links: g.links.map((l) => ({
      ...pick(l, linkFields),
      custom_type_name:
        l.custom_link_type === undefined ? undefined : customName.get(l.custom_link_type),
    })),
  };
}
