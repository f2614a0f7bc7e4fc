import { describe, expect, it } from 'vitest';
import { MoveBurst, type Move, type Point } from './move-burst';

function setup(accept: boolean) {
  const stored = new Map<string, Point>([
    ['a', { x: 0, y: 0 }],
    ['b', { x: 100, y: 50 }],
  ]);
  const shown: Move[][] = [];
  const saved: Move[][] = [];
  let timer: (() => void) | null = null;
  const burst = new MoveBurst({
    stored: (id) => stored.get(id),
    show: (m) => shown.push([...m]),
    save: async (m) => {
      saved.push([...m]);
      if (accept) for (const x of m) stored.set(x.id, x.position);
      return accept;
    },
    restMs: 600,
    setTimer: (fn) => (timer = fn),
    clearTimer: () => (timer = null),
  });
  return { burst, shown, saved, stored, fire: () => timer?.() };
}

describe('arrow-key moves', () => {
  it('[U5] a burst of presses is shown at once and saved as ONE move when the keys rest', async () => {
    const t = setup(true);
    t.burst.press(['a', 'b'], 10, 0);
    t.burst.press(['a', 'b'], 10, 0);
    t.burst.press(['a', 'b'], 0, -10);
    expect(t.shown.at(-1)).toEqual([
      { id: 'a', position: { x: 20, y: -10 } },
      { id: 'b', position: { x: 120, y: 40 } },
    ]);
    expect(t.saved).toEqual([]);
    t.fire();
    await t.burst.flush();
    expect(t.saved).toEqual([
      [
        { id: 'a', position: { x: 20, y: -10 } },
        { id: 'b', position: { x: 120, y: 40 } },
      ],
    ]);
    expect(t.burst.moving).toBe(false);
    // A new burst starts from the saved positions.
    t.burst.press(['a'], 0, 10);
    await t.burst.flush();
    expect(t.saved.at(-1)).toEqual([{ id: 'a', position: { x: 20, y: 0 } }]);
  });

  it('[U5] presses that come back to the start save nothing; a refusal puts the cards back', async () => {
    const t = setup(false);
    t.burst.press(['a'], 10, 0);
    t.burst.press(['a'], -10, 0);
    await t.burst.flush();
    expect(t.saved).toEqual([]);
    t.burst.press(['b'], 0, 10);
    await t.burst.flush();
    expect(t.saved).toEqual([[{ id: 'b', position: { x: 100, y: 60 } }]]);
    expect(t.shown.at(-1)).toEqual([{ id: 'b', position: { x: 100, y: 50 } }]);
    // Unknown nodes are ignored.
    t.burst.press(['zzz'], 10, 10);
    expect(t.burst.moving).toBe(false);
  });
});
