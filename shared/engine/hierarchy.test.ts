import { describe, expect, it } from 'vitest';
import { hierarchyEnds } from './hierarchy';

describe('hierarchyEnds', () => {
  it('[C1] is_parent_of names the parent first: the source is the parent', () => {
    expect(hierarchyEnds({ source: 'p', target: 'c', link_type: 'is_parent_of' })).toEqual({
      parent: 'p',
      child: 'c',
    });
  });
  it('[C1] is_part_of names the part first: the target is the parent', () => {
    expect(hierarchyEnds({ source: 'part', target: 'whole', link_type: 'is_part_of' })).toEqual({
      parent: 'whole',
      child: 'part',
    });
  });
  it('[C1] plain, other and custom links make no hierarchy', () => {
    expect(hierarchyEnds({ source: 'a', target: 'b' })).toBeUndefined();
    expect(hierarchyEnds({ source: 'a', target: 'b', link_type: 'is_related_to' })).toBeUndefined();
    expect(hierarchyEnds({ source: 'a', target: 'b', link_type: 'custom_link' })).toBeUndefined();
  });
});
