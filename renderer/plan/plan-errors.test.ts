import { describe, expect, it } from 'vitest';
import { World } from '../../shared/engine/test-support/world';
import { describeError } from '../app/describe-error';
import { planFieldWords } from './plan-errors';

describe('planFieldWords', () => {
  it('[PL1] words the engine’s own refusals of each planning field, in the inspector’s words', () => {
    const w = new World();
    const id = w.node();
    const names = { nodes: new Map() };
    const words = (params: Record<string, unknown>) =>
      describeError(w.fail('node.update', { id, ...params } as never), names, { node: id });
    expect(words({ due_date: '2026-02-30' })).toBe(
      'A due date is a day that exists, from 1900 on (YYYY-MM-DD).',
    );
    expect(words({ start_date: '1850-01-01' })).toBe(
      'A start date is a day that exists, from 1900 on (YYYY-MM-DD).',
    );
    expect(words({ estimate: -1 })).toBe(
      'An estimate is a number of working days from 0 to 100,000 (decimals allowed).',
    );
    expect(words({ assignee: ['x'.repeat(255)] })).toMatch(/^An assignee is a name or email/);
    // Other refusals keep their own words.
    expect(planFieldWords(w.fail('node.update', { id, priority: 12 } as never))).toBeUndefined();
  });
});
