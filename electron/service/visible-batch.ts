/**
 * [A4] A batch as one member may see it: entries about nodes they cannot see are left out,
 * and a link entry keeps only the images that member may see — a link turning private for
 * someone else reaches them as a removal, never with its new content. Statuses stay global.
 */
import { accessOf, type Batch, type Entry, type WorkspaceState } from '../../shared/engine';
import type { LinkRecord } from '../../shared/model/types';

const idOf = (image: object): string | undefined =>
  'id' in image ? (image.id as string) : undefined;

export function visibleBatch(state: WorkspaceState, member: string, batch: Batch): Batch {
  const owner = member === state.ownerId;
  const seesNode = (id: string) =>
    owner || accessOf(state, member, id) !== null || !state.nodes.has(id);
  const seesLink = (image: object): boolean => {
    if (!('id' in image)) return false;
    const link = image as LinkRecord;
    if (link.private && link.owner !== member) return false;
    return seesNode(link.source) && seesNode(link.target);
  };
  const links: Entry<LinkRecord>[] = [];
  for (const entry of batch.links) {
    const before = seesLink(entry.before);
    const after = seesLink(entry.after);
    if (after) links.push(before ? entry : { ...entry, before: {} });
    else if (before) links.push({ ...entry, after: {} });
  }
  return {
    ...batch,
    links,
    nodes: owner
      ? batch.nodes
      : batch.nodes.filter((e) => {
          const id = idOf(e.after) ?? idOf(e.before);
          return id !== undefined && seesNode(id);
        }),
    access: owner
      ? batch.access
      : batch.access.filter(
          (e) =>
            ((e.after as { member?: string }).member ??
              (e.before as { member?: string }).member) === member,
        ),
  };
}
