import { describe, expect, it } from 'vitest';
import { FAR_BELOW, OVERVIEW_BELOW, detailLevel } from './level-of-detail';

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
