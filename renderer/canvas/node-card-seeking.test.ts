/**
 * NodeCard's whole-card drop handle reads React Flow's store through one module-level selector
 * (`seekingHandle`): every mounted card runs it on every store update, so it must answer from
 * the connection's two fields and give equal answers while no link is being drawn.
 */
import { describe, expect, it } from 'vitest';
import type { ReactFlowState } from '@xyflow/react';
import { seekingHandle } from './seeking-handle';

type Connection = ReactFlowState['connection'];
const idle = { inProgress: false } as Connection;
const from = (type: 'source' | 'target') =>
  ({ inProgress: true, fromHandle: { type } }) as unknown as Connection;

describe('NodeCard seeking handle', () => {
  it('[U1] asks for the opposite kind of handle while a link is drawn, none otherwise', () => {
    expect(seekingHandle({ connection: from('source') })).toBe('target');
    expect(seekingHandle({ connection: from('target') })).toBe('source');
    expect(seekingHandle({ connection: idle })).toBeNull();
  });

  it('[U1] gives equal answers for unrelated store updates (a card does not re-render)', () => {
    const answers = Array.from({ length: 5 }, () => seekingHandle({ connection: { ...idle } }));
    expect(new Set(answers)).toEqual(new Set([null]));
  });
});
