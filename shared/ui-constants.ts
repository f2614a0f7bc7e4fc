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
  /**
   * The planning line under the status (renderer/plan: due date, estimate, initials): each of
   * its lines is as tall as an initials chip, with `planGap` between lines and items and
   * `planTop` above; the card grows by it (styles from css-vars.ts).
   */
  planLine: 18,
  planGap: 6,
  planTop: 4,
} as const;

/**
 * A zoomed-out card's display id (styles.css `--lg-far-id`, and the overview layer's labels
 * drawn where the cards are not mounted): `px` in CSS px, scaled up against the zoom as the
 * other zoomed-out text, but never wider than `linePx` of the card for the whole id (about
 * 0.62 em per character of a bold sans face: 186 px of the card's 227).
 */
export const FAR_ID = { px: 12.5, linePx: 300 } as const;

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
 * The text drawn on a status-colour fill (zoomed-out cards, styles.css `[data-lod]`), per
 * status: at least 4.5:1 on its fill in both themes (the fills do not change with the theme;
 * a unit test holds each pair). Near-black reads on all four; the Blocked red needs black.
 */
export const STATUS_INK: ByStatus = ['#0d0f14', '#0d0f14', '#000000', '#0d0f14'];

/** The CSS variable each status's ink is published as (styles.css). */
export const STATUS_INK_VARS: ByStatus = [
  '--lg-available-ink',
  '--lg-progress-ink',
  '--lg-blocked-ink',
  '--lg-completed-ink',
];

/** The two themes the editor draws in. */
export type ThemeName = 'light' | 'dark';

/**
 * The editor's colours per theme: every text and background colour of the chrome, the cards
 * and the links. styles.css reads them as CSS variables (THEME_VAR_NAMES; set on the app's
 * root element by renderer/theme/css-vars.ts) and the SVG/PNG pictures draw with them, so a
 * colour is changed here and nowhere else. TEXT_PAIRS below lists which text sits on which
 * background; a unit test holds every pair to WCAG AA contrast.
 */
export const THEME_COLOURS = {
  light: {
    bg: '#f7f7f9',
    fg: '#1d1f24',
    panel: '#ffffff',
    border: '#d6d8de',
    /** A Blocked card's background. */
    blockedCard: '#fff6f6',
    /** Secondary text: a card's id, kind, status and plan line, hints, counts. */
    muted: '#5b6070',
    /** A link's label on the canvas. */
    label: '#5b6070',
    /** Text that warns: late marks, "waits", refusals, destructive buttons. */
    danger: '#b42323',
    /** Pressed toggles and the highlighted menu item (with `onAccent` text on it). */
    accent: '#1c6dd0',
    onAccent: '#ffffff',
    /** The keyboard focus ring (a non-text contrast of at least 3:1 on bg and panel). */
    focus: '#1c6dd0',
    toast: '#22252d',
    toastError: '#8a1f1f',
    onToast: '#ffffff',
    errorBg: '#fdecec',
    errorText: '#8a1f1f',
    viewAsBg: '#fff4d6',
    viewAsText: '#5a4300',
  },
  dark: {
    bg: '#15171c',
    fg: '#e6e8ee',
    panel: '#1f2229',
    border: '#363a45',
    blockedCard: '#3a1f22',
    muted: '#a3a9b6',
    label: '#b8bdc9',
    danger: '#ff8a8a',
    accent: '#1c6dd0',
    onAccent: '#ffffff',
    focus: '#6ea8ff',
    toast: '#22252d',
    toastError: '#8a1f1f',
    onToast: '#ffffff',
    errorBg: '#fdecec',
    errorText: '#8a1f1f',
    viewAsBg: '#fff4d6',
    viewAsText: '#5a4300',
  },
} as const satisfies Record<ThemeName, Record<string, string>>;

export type ThemeColour = keyof (typeof THEME_COLOURS)['light'];

/** The CSS variable each theme colour is published as: `blockedCard` → `--lg-blocked-card`. */
export const themeVarName = (colour: ThemeColour): string =>
  `--lg-${colour.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * Which text colour is drawn on which background (styles.css and the pictures), and the
 * contrast it needs: 4.5:1 for text, 3:1 for large text and for the focus ring (a non-text
 * element, WCAG 1.4.11). A new text colour or background in the editor gets a line here.
 */
export const TEXT_PAIRS: readonly {
  text: ThemeColour;
  on: ThemeColour;
  min: 4.5 | 3;
  where: string;
}[] = [
  { text: 'fg', on: 'bg', min: 4.5, where: 'page text, panels over the canvas' },
  { text: 'fg', on: 'panel', min: 4.5, where: 'cards, toolbar, panels, inspectors, menus' },
  { text: 'fg', on: 'blockedCard', min: 4.5, where: 'a Blocked card’s title' },
  { text: 'fg', on: 'border', min: 4.5, where: 'initials chips, the chosen completion' },
  { text: 'muted', on: 'panel', min: 4.5, where: 'card id, kind, status, plan line; hints' },
  { text: 'muted', on: 'bg', min: 4.5, where: 'description, chips' },
  { text: 'muted', on: 'blockedCard', min: 4.5, where: 'a Blocked card’s status and plan' },
  { text: 'label', on: 'panel', min: 4.5, where: 'link labels' },
  { text: 'label', on: 'bg', min: 4.5, where: 'link labels (translucent) over the canvas' },
  { text: 'danger', on: 'panel', min: 4.5, where: 'late marks, waits, refusals, Delete' },
  { text: 'danger', on: 'blockedCard', min: 4.5, where: 'late mark on a Blocked card' },
  { text: 'danger', on: 'bg', min: 4.5, where: 'field errors' },
  { text: 'onAccent', on: 'accent', min: 4.5, where: 'pressed toggles, highlighted menu item' },
  { text: 'onToast', on: 'toast', min: 4.5, where: 'messages' },
  { text: 'onToast', on: 'toastError', min: 4.5, where: 'refusals' },
  { text: 'errorText', on: 'errorBg', min: 4.5, where: 'the page’s error' },
  { text: 'viewAsText', on: 'viewAsBg', min: 4.5, where: 'the "view as" banner' },
  { text: 'focus', on: 'bg', min: 3, where: 'focus ring over the canvas' },
  { text: 'focus', on: 'panel', min: 3, where: 'focus ring on panels and cards' },
];

/**
 * The critical path's colour ([PL2] [PL4]): the ring on cards and the stroke of links on the
 * canvas, and the fill of bars on the timeline. Published as `--lg-critical`.
 */
export const CRITICAL_COLOUR = '#e8590c';
