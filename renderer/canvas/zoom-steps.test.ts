import { describe, expect, it, vi } from 'vitest';
import { steppedZoom, zoomPercent, zoomStep } from './ZoomControls';

describe('zoom steps', () => {
  it('[U5] + and − step by √2 on a grid through 25, 50, 100 and 200%', () => {
    const out: string[] = [];
    let z = 1;
    for (let i = 0; i < 4; i++) out.push(zoomPercent((z = steppedZoom(z, -1))));
    expect(out).toEqual(['71%', '50%', '35%', '25%']);
    expect(zoomPercent(steppedZoom(steppedZoom(1, 1), 1))).toBe('200%');
    // Between grid points, a step goes to the next grid point that way.
    expect(zoomPercent(steppedZoom(0.6, -1))).toBe('50%');
    expect(zoomPercent(steppedZoom(0.6, 1))).toBe('71%');
    expect(zoomPercent(steppedZoom(0.7071, 1))).toBe('100%');
  });
  it('[U5] a zoom under 1% reads with two significant digits, never as 0%', () => {
    expect([0.0032, 0.00049, 0.0099, 0.00995, 0.01, 0.024].map(zoomPercent)).toEqual([
      '0.32%',
      '0.049%',
      '0.99%',
      '1%',
      '1%',
      '2%',
    ]);
  });
  it('[U5] two quick presses step twice even when the animation has not moved yet (busy machine)', async () => {
    // The view still shows 100% after the first press (its animation frames come late).
    let shown = 1;
    const ends: (() => void)[] = [];
    const targets: number[] = [];
    const flow = {
      getZoom: () => shown,
      zoomTo: (z: number) => {
        targets.push(z);
        return new Promise<boolean>((resolve) => ends.push(() => resolve(true)));
      },
    };
    // The second press comes 400 ms later, and the view still shows 100%.
    let now = 10_000;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => now);
    zoomStep(flow, -1);
    now += 400;
    zoomStep(flow, -1);
    clock.mockRestore();
    expect(targets.map(zoomPercent)).toEqual(['71%', '50%']);
    // Once settled, a press steps from what is shown.
    shown = 0.5;
    ends.forEach((end) => end());
    await new Promise((r) => setTimeout(r, 0));
    zoomStep(flow, -1);
    expect(targets.map(zoomPercent)).toEqual(['71%', '50%', '35%']);
  });
});
