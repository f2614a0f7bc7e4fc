import { describe, expect, it } from 'vitest';
import { steppedZoom, zoomPercent } from './ZoomControls';

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
});
