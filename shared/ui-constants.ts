/**
 * How a node looks, in one place: the card's size and the status colours. The canvas
 * (styles.css reads them as CSS variables set from here), auto-layout, the virtualised
 * canvas's estimates, the minimaps, the SVG/PNG pictures and the JSON Canvas export all take
 * them from this file, so a card is the same size and colour everywhere. Pure constants.
 */
import type { NodeStatus } from './model/types';

/**
 * A card: 200 px of content, 8/10 px padding, a 6 px status strip on the left and a 1 px
 * border elsewhere (227 px wide); 67 px high with a one-line title, as measured in Chromium
 * (each further title line adds 15 px).
 */
export const CARD = {
  contentWidth: 200,
  width: 227,
  height: 67,
  titleLine: 15,
} as const;

type ByStatus = readonly [string, string, string, string] & { readonly [S in NodeStatus]: string };

/** Status colours, indexed by status code: free, busy, stuck, done (the card's left strip). */
export const STATUS_COLOURS: ByStatus = ['#2f80ed', '#f2994a', '#d64545', '#27ae60'];

/** The CSS variable each status colour is published as (styles.css, the large minimap). */
export const STATUS_VARS: ByStatus = [
  '--lg-available',
  '--lg-progress',
  '--lg-blocked',
  '--lg-completed',
];

/**
 * The critical path's colour ([PL2] [PL4]): the ring on cards and the stroke of links on the
 * canvas, and the fill of bars on the timeline. Published as `--lg-critical`.
 */
export const CRITICAL_COLOUR = '#e8590c';
