import { describe, expect, it } from 'vitest';
import { FAR_BELOW, OVERVIEW_BELOW, detailLevel, textScale } from './level-of-detail';

describe('detailLevel', () => {
  it('is near from 0.75 on, far below it, and an overview below 0.45', () => {
    expect(FAR_BELOW).toBe(0.75);
    expect(OVERVIEW_BELOW).toBe(0.45);
    expect(detailLevel(0.05)).toBe('overview');
    expect(detailLevel(0.25)).toBe('overview');
    expect(detailLevel(0.4499)).toBe('overview');
    expect(detailLevel(0.45)).toBe('far');
    expect(detailLevel(0.5)).toBe('far');
    expect(detailLevel(0.7499)).toBe('far');
    expect(detailLevel(0.75)).toBe('near');
    expect(detailLevel(1)).toBe('near');
    expect(detailLevel(2)).toBe('near');
  });

  it('takes other thresholds', () => {
    expect(detailLevel(0.9, 1)).toBe('far');
    expect(detailLevel(0.5, 0.4)).toBe('near');
    expect(detailLevel(0.5, 1, 0.6)).toBe('overview');
    // An overview threshold above the far one leaves no far band.
    expect(detailLevel(0.7, 0.75, 0.8)).toBe('overview');
  });
});

describe('textScale', () => {
  it('[U5] keeps zoomed-out text between 1 and 1.19 times its size on screen, in steps', () => {
    expect(textScale(1)).toBe(1);
    expect(textScale(2)).toBe(1);
    expect(textScale(0.5)).toBe(2);
    expect(textScale(0.25)).toBe(4);
    for (let zoom = 0.07; zoom < 1; zoom += 0.013) {
      const onScreen = textScale(zoom) * zoom;
      expect(onScreen).toBeGreaterThanOrEqual(1 - 1e-9);
      expect(onScreen).toBeLessThan(2 ** 0.25 + 1e-9);
    }
    // The same step for nearby zooms: the variable (and the cards' style) does not change per frame.
    expect(textScale(0.6)).toBe(textScale(0.62));
    expect(new Set([0.5, 0.52, 0.55, 0.58].map(textScale)).size).toBe(1);
    // Capped where no text fits a card any more.
    expect(textScale(0.01)).toBe(16);
  });
});
