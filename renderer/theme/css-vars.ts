/**
 * The shared look (shared/ui-constants.ts) as CSS variables on the app's root element, so
 * styles.css draws cards with the same size and status colours as everything else.
 */
import type { CSSProperties } from 'react';
import { CARD, CRITICAL_COLOUR, STATUS_COLOURS, STATUS_VARS } from '../../shared/ui-constants';
import type { NodeStatus } from '../../shared/model/types';

const STATUSES: NodeStatus[] = [0, 1, 2, 3];

export const THEME_VARS = {
  ...Object.fromEntries(STATUSES.map((s) => [STATUS_VARS[s], STATUS_COLOURS[s]])),
  '--lg-card-content-width': `${CARD.contentWidth}px`,
  '--lg-critical': CRITICAL_COLOUR,
} as CSSProperties;
