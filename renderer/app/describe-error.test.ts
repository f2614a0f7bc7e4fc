import { describe, expect, it } from 'vitest';
import type { LinkRecord, NodeRecord } from '../../shared/model/types';
import { describeError } from './describe-error';

const node = (id: string, display_id: string, title: string, kind = 'task') =>
  ({ id, display_id, title, kind }) as NodeRecord;
const P = '11111111-1111-4111-8111-111111111111';
const C = '22222222-2222-4222-8222-222222222222';
const Q = '33333333-3333-4333-8333-333333333333';
const L = '44444444-4444-4444-8444-444444444444';
const nodes = new Map<string, NodeRecord>([
  [C, node(C, 'ENH-2', 'Faster queries', 'enhancement')],
  [P, node(P, 'CAPL-1', 'Search', 'capability')],
  [Q, node(Q, 'CAPL-3', 'Billing', 'capability')],
]);
const partOf = {
  id: L,
  display_id: 'LNK-1',
  source: C,
  target: P,
  link_type: 'is_part_of',
  type: 0,
} as LinkRecord;
const links = new Map([[L, partOf]]);
const parentError = {
  code: 'bad_request.artifact_already_attached_to_a_parent' as const,
  message: 'The part already belongs to a parent.',
  existing_parent: P,
  is_same: false,
  object_ids: [L],
};

describe('refusals in plain words', () => {
  it('[C1] names the child and its existing parent by display id and title', () => {
    expect(describeError(parentError, { nodes, links })).toBe(
      'ENH-2 Faster queries already has a parent: CAPL-1 Search.',
    );
    expect(describeError({ ...parentError, is_same: true }, { nodes, links })).toBe(
      'ENH-2 Faster queries is already attached to CAPL-1 Search.',
    );
  });

  it('[C1] a refused is_part_of draw names the part (its source), not the parent it was dropped on', () => {
    // The existing link is not known to the editor (e.g. another member's private link).
    const error = { ...parentError, object_ids: [] };
    const draw = { source: C, target: Q, link_type: 'is_part_of' as const };
    expect(describeError(error, { nodes }, { draw })).toBe(
      'ENH-2 Faster queries already has a parent: CAPL-1 Search.',
    );
    const parentOf = { source: Q, target: C, link_type: 'is_parent_of' as const };
    expect(describeError(error, { nodes }, { draw: parentOf })).toMatch(/^ENH-2 Faster queries /);
  });

  it('[L6] forbidden_type and target_independent name the node the link would block', () => {
    const draw = { source: P, target: C, link_type: 'is_parent_of' as const };
    // is_parent_of: the parent (source) waits for its child, so the parent is the blocked end.
    expect(
      describeError({ code: 'bad_request.target_independent', message: 'x' }, { nodes }, { draw }),
    ).toMatch(/^CAPL-1 Search is not dependent/);
    expect(
      describeError({ code: 'forbidden.forbidden_type', message: 'x' }, { nodes }, { draw }),
    ).toMatch(/^You can only view CAPL-1 Search/);
  });

  it('[N4] field limits in words, with the limits of the model', () => {
    expect(describeError({ code: 'bad_request.title_too_long', message: 'x' }, { nodes })).toBe(
      'A title has at most 80 characters.',
    );
    expect(describeError({ code: 'bad_request.invalid_priority', message: 'x' }, { nodes })).toBe(
      'Priority is a whole number from 0 to 9.',
    );
  });

  it('[E1] never shows a raw id: known ids become names, unknown ones "a node you cannot see"', () => {
    const unknown = '55555555-5555-4555-8555-555555555555';
    expect(
      describeError(
        { code: 'bad_request.something', message: `The node ${C} and ${unknown} clash.` },
        { nodes },
      ),
    ).toBe('The node ENH-2 Faster queries and a node you cannot see clash.');
    expect(
      describeError(
        {
          code: 'conflict.cycle',
          message: 'Primary links may not form a cycle.',
          object_ids: [P, C],
        },
        { nodes },
      ),
    ).toBe('Primary links may not form a cycle. (CAPL-1 Search → ENH-2 Faster queries)');
  });
});
