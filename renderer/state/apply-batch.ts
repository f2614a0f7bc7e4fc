/**
 * Folds a history batch pushed by the service into the renderer's records. Pure: it returns
 * new maps (only when something changed, so React re-renders only what a diff touched) that
 * share every untouched record with the old ones (record-map.ts), the ids the batch touched
 * (so consumers patch what changed instead of diffing 100,000 records), and the ids whose
 * status the batch changed, for the cascade highlight.
 */
import type { Batch } from '../../shared/engine/batch';
import { isEmptyImage, isFullNodeImage } from '../../shared/engine/batch-images';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import { RecordMap } from './record-map';

export interface Records {
  nodes: ReadonlyMap<string, NodeRecord>;
  links: ReadonlyMap<string, LinkRecord>;
}

export interface Applied extends Records {
  /** Nodes whose status differs after the batch (the cascade, and the node changed directly). */
  statusChanged: string[];
  /** Ids whose record was replaced, added or removed (unchanged images are left out). */
  changedNodes: Set<string>;
  changedLinks: Set<string>;
}

/** The records as a RecordMap (a plain Map, from a test or an old caller, is copied once). */
const persistent = <V>(map: ReadonlyMap<string, V>): RecordMap<V> =>
  map instanceof RecordMap ? (map as RecordMap<V>) : RecordMap.from(map);

export function applyBatch(records: Records, batch: Pick<Batch, 'nodes' | 'links'>): Applied {
  let nodes = records.nodes;
  let links = records.links;
  const statusChanged: string[] = [];
  const changedNodes = new Set<string>();
  const changedLinks = new Set<string>();

  if (batch.nodes.length > 0) {
    const next = persistent(nodes).edit();
    for (const { before, after } of batch.nodes) {
      const id = ('id' in after ? after.id : undefined) ?? ('id' in before ? before.id : undefined);
      if (!id) continue;
      const current = next.get(id);
      if (isEmptyImage(after)) {
        if (current) changedNodes.add(id);
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
      changedNodes.add(id);
      next.set(id, merged as NodeRecord);
    }
    nodes = next.done();
  }
  if (batch.links.length > 0) {
    const next = persistent(links).edit();
    for (const { before, after } of batch.links) {
      if (isEmptyImage(after)) {
        if ('id' in before) {
          if (next.get(before.id)) changedLinks.add(before.id);
          next.delete(before.id);
        }
      } else {
        const link = after as LinkRecord;
        changedLinks.add(link.id);
        next.set(link.id, link);
      }
    }
    links = next.done();
  }
  return { nodes, links, statusChanged, changedNodes, changedLinks };
}

/** History keeps `resume_status` on Blocked nodes; the canvas has no use for it. */
function stripResume(record: NodeRecord & { resume_status?: number }): NodeRecord {
  if (!('resume_status' in record)) return record;
  const { resume_status: _ignored, ...rest } = record;
  return rest;
}
