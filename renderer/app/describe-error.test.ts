import { describe, expect, it } from 'vitest';
import type { NodeRecord } from '../../shared/model/types';
import { describeError } from './describe-error';

const nodes = new Map<string, NodeRecord>([
  ['child', { id: 'child', kind: 'enhancement', title: 'Faster queries' } as NodeRecord],
  ['parent', { id: 'parent', kind: 'capability', title: 'Search' } as NodeRecord],
]);

describe('refusals in plain words', () => {
  it('[C1] names the existing parent by kind and title', () => {
    const error = {
      code: 'bad_request.artifact_already_attached_to_a_parent' as const,
      message: 'x',
      existing_parent: 'parent',
      is_same: false,
    };
    expect(describeError(error, nodes, 'child')).toBe(
      'This enhancement already has a parent: Capability Search.',
    );
    expect(describeError({ ...error, is_same: true }, nodes, 'child')).toBe(
      'This enhancement is already attached to Capability Search.',
    );
  });

  it('[E1] falls back to the engine message', () => {
    expect(
      describeError({ code: 'conflict.cycle', message: 'That link would close a cycle.' }, nodes),
    ).toBe('That link would close a cycle.');
  });
});
