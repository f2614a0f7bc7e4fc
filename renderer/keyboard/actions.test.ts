import { describe, expect, it } from 'vitest';
import { ACTIONS } from './actions';
import { SHORTCUTS } from './shortcut-keys';

describe('the shortcut handlers', () => {
  it('[U5] every row of the table the ? list shows has a handler, and no handler is unlisted', () => {
    expect(Object.keys(ACTIONS).sort()).toEqual(SHORTCUTS.map((r) => r.id).sort());
    for (const fn of Object.values(ACTIONS)) expect(typeof fn).toBe('function');
  });
});
