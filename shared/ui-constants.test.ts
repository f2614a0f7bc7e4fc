import { describe, expect, it } from 'vitest';
import { contrastRatio, parseColour } from './contrast';
import {
  STATUS_COLOURS,
  STATUS_INK,
  TEXT_PAIRS,
  THEME_COLOURS,
  themeVarName,
  type ThemeName,
} from './ui-constants';

describe('contrast ratio (WCAG 2.x)', () => {
  it('[U1] gives the known ratios: black on white 21, equal colours 1, #777 on white ~4.48', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', 'rgb(255, 255, 255)')).toBe(1);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#ffffff', '#777777')).toBeCloseTo(4.48, 2);
    expect(parseColour('rgba(31, 34, 41, 0.5)')).toEqual([31, 34, 41]);
    expect(() => parseColour('teal')).toThrow(/not a colour/);
  });
  it('[U1] the old dark-theme status text (#5b6070 on #1f2229) is the 2.5:1 the report found', () => {
    expect(contrastRatio('#5b6070', '#1f2229')).toBeLessThan(3);
  });
});

describe('theme colours (shared/ui-constants.ts)', () => {
  for (const theme of ['light', 'dark'] as ThemeName[]) {
    it(`[U1] every text/background pair meets WCAG AA in the ${theme} theme`, () => {
      const failing = TEXT_PAIRS.map((p) => ({
        ...p,
        ratio: contrastRatio(THEME_COLOURS[theme][p.text], THEME_COLOURS[theme][p.on]),
      }))
        .filter((p) => p.ratio < p.min)
        .map((p) => `${p.text} on ${p.on} (${p.where}): ${p.ratio.toFixed(2)} < ${p.min}`);
      expect(failing).toEqual([]);
    });
  }
  it('[U1] the text on each status fill (zoomed-out cards) has at least 4.5:1 contrast', () => {
    const ratios = STATUS_COLOURS.map((fill, s) => contrastRatio(STATUS_INK[s] as string, fill));
    expect(ratios.filter((r) => r < 4.5)).toEqual([]);
    // The one dark ink the far look used before fell short on the Blocked red.
    expect(contrastRatio('#0d0f14', STATUS_COLOURS[2])).toBeLessThan(4.5);
  });
  it('[U1] both themes name the same colours, and each has its own CSS variable', () => {
    expect(Object.keys(THEME_COLOURS.dark).sort()).toEqual(Object.keys(THEME_COLOURS.light).sort());
    expect(themeVarName('blockedCard')).toBe('--lg-blocked-card');
    expect(themeVarName('onAccent')).toBe('--lg-on-accent');
    const names = Object.keys(THEME_COLOURS.light).map((c) => themeVarName(c as 'fg'));
    expect(new Set(names).size).toBe(names.length);
  });
});
