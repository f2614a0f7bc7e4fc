/**
 * Folds a history batch pushed by the service into the renderer's records. Pure: it returns
 * new maps (only when something changed, so React re-renders only what a diff touched) and
 * the ids whose status the batch changed, for the cascade highlight.
 */
import type { Batch } from '../../shared/engine/batch';
import { isEmptyImage, isFullNodeImage } from '../../shared/engine/batch-images';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';

export interface Records {
  nodes: ReadonlyMap<string, NodeRecord>;
  links: ReadonlyMap<string, LinkRecord>;
}

export interface Applied extends Records {
  /** Nodes whose status differs after the batch (the cascade, and the node changed directly). */
  statusChanged: string[];
}

export function applyBatch(records: Records, batch: Pick<Batch, 'nodes' | 'links'>): Applied {
  let nodes = records.nodes;
  let links = records.links;
  const statusChanged: string[] = [];

  if (batch.nodes.length > 0) {
    const next = new Map(nodes);
    for (const { before, after } of batch.nodes) {
      const id = ('id' in after ? after.id : undefined) ?? ('id' in before ? before.id : undefined);
      if (!id) continue;
      const current = next.get(id);
      if (isEmptyImage(after)) {
        next.delete(id);
        continue;
      }
      // A full image replaces the record; a cascade status image is merged into it.
      const merged = isFullNodeImage(after)
        ? stripResume(after)
        : current
          ? { ...current, ...after }
          : undefined;
      if (!merged) continue;
      if (current?.status !== merged.status) statusChanged.push(id);
      next.set(id, merged as NodeRecord);
    }
    nodes = next;
  }
  if (batch.links.length > 0) {
    const next = new Map(links);
    for (const { before, after } of batch.links) {
      if (isEmptyImage(after)) {
        if ('id' in before) next.delete(before.id);
      } else {
        next.set((after as LinkRecord).id, after as LinkRecord);
      }
    }
    links = next;
  }
  return { nodes, links, statusChanged };
}

/** History keeps `resume_status` on Blocked nodes; the canvas has no use for it. */
function stripResume(record: NodeRecord & { resume_status?: number }): NodeRecord {
  if (!('resume_status' in record)) return record;
  const { resume_status: _ignored, ...rest } = record;
  return rest;
}
