/**
 * What kind of handle a link being drawn is looking for (NodeCard's whole-card drop handle).
 *
 * Why a module-level selector on React Flow's store rather than `useConnection(selector)`:
 * every mounted card runs its selector on every store update (a node measured, a list handed
 * over, a viewport change). `useConnection` wraps the card's selector in a new function each
 * render and first copies the whole connection state (`{ ...s.connection }`, plus a point
 * conversion while connecting), so each card allocated and re-selected on each update; this
 * one reads two fields and is the same function for every card and render.
 */
import type { ReactFlowState } from '@xyflow/react';

export type SeekingHandle = 'source' | 'target' | null;

export const seekingHandle = (s: Pick<ReactFlowState, 'connection'>): SeekingHandle =>
  s.connection.inProgress
    ? s.connection.fromHandle.type === 'source'
      ? 'target'
      : 'source'
    : null;
