/**
 * The shared look (shared/ui-constants.ts) as CSS variables on the app's root element, so
 * styles.css draws cards and chrome with the same size and colours as everything else: the
 * status colours, the card's width, the zoomed-out display id's size, and the current theme's
 * text and background colours.
 */
import type { CSSProperties } from 'react';
import {
  CARD,
  CRITICAL_COLOUR,
  FAR_ID,
  STATUS_COLOURS,
  STATUS_INK,
  STATUS_INK_VARS,
  STATUS_VARS,
  THEME_COLOURS,
  themeVarName,
  type ThemeColour,
  type ThemeName,
} from '../../shared/ui-constants';
import type { NodeStatus } from '../../shared/model/types';

const STATUSES: NodeStatus[] = [0, 1, 2, 3];

const varsOf = (theme: ThemeName) =>
  ({
    ...Object.fromEntries(STATUSES.map((s) => [STATUS_VARS[s], STATUS_COLOURS[s]])),
    ...Object.fromEntries(STATUSES.map((s) => [STATUS_INK_VARS[s], STATUS_INK[s]])),
    ...Object.fromEntries(
      Object.entries(THEME_COLOURS[theme]).map(([k, v]) => [themeVarName(k as ThemeColour), v]),
    ),
    '--lg-card-content-width': `${CARD.contentWidth}px`,
    '--lg-plan-line': `${CARD.planLine}px`,
    '--lg-plan-gap': `${CARD.planGap}px`,
    '--lg-plan-top': `${CARD.planTop}px`,
    '--lg-far-id-px': `${FAR_ID.px}px`,
    '--lg-far-id-line': `${FAR_ID.linePx}px`,
    '--lg-critical': CRITICAL_COLOUR,
  }) as CSSProperties;

/** One object per theme, made once: React compares the style object by identity. */
export const THEME_VARS: Record<ThemeName, CSSProperties> = {
  light: varsOf('light'),
  dark: varsOf('dark'),
};
