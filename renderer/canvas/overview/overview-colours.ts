/**
 * The overview layer's colours (OverviewLayer.tsx), read from the theme's CSS variables when
 * the theme changes — never per frame — as packed pixels and CSS strings.
 */
import { STATUS_COLOURS, STATUS_VARS, THEME_COLOURS } from '../../../shared/ui-constants';
import { packRgba, parseColour } from '../minimap-geometry';
import type { Colour, OverviewColours } from './overview-draw';

const cssVar = (style: CSSStyleDeclaration, name: string) => style.getPropertyValue(name).trim();

/** The colours for `style` (a computed style under the app's `data-theme`). */
export function readColours(
  ctx: CanvasRenderingContext2D,
  style: CSSStyleDeclaration,
  dark: boolean,
): OverviewColours {
  const colour = (css: string, fallback: string, alpha = 1, over?: Colour): Colour => {
    ctx.fillStyle = fallback;
    if (css) ctx.fillStyle = css;
    let [r, g, b] = parseColour(String(ctx.fillStyle)) ?? parseColour(fallback)!;
    if (over && alpha < 1) {
      // Fade into `over` (an opaque pixel), as a dimmed card looks over the canvas background.
      const [br, bg, bb] = parseColour(over.css)!;
      r = Math.round(r * alpha + br * (1 - alpha));
      g = Math.round(g * alpha + bg * (1 - alpha));
      b = Math.round(b * alpha + bb * (1 - alpha));
    }
    return { px: packRgba(r, g, b, 255), css: `rgb(${r}, ${g}, ${b})` };
  };
  const theme = THEME_COLOURS[dark ? 'dark' : 'light'];
  const background = colour(cssVar(style, '--lg-bg'), theme.bg);
  const status = STATUS_VARS.map((v, s) => colour(cssVar(style, v), STATUS_COLOURS[s]!));
  return {
    status,
    statusDim: STATUS_VARS.map((v, s) =>
      colour(cssVar(style, v), STATUS_COLOURS[s]!, 0.3, background),
    ),
    match: colour('#f59f00', '#f59f00'),
    chain: colour('#c2255c', '#c2255c'),
    linkPrimary: '#5b6070',
    linkSecondary: '#b3b8c3',
    linkBlocking: status[2]!.css,
    linkChain: '#c2255c',
    current: '#e8590c',
    selected: status[0]!.css,
    flash: 'rgba(242, 201, 76, 0.9)',
    card: colour(cssVar(style, '--lg-panel'), theme.panel),
    blockedCard: colour(cssVar(style, '--lg-blocked-card'), theme.blockedCard),
    cardBorder: colour(cssVar(style, '--lg-border'), theme.border),
    ink: colour(cssVar(style, '--lg-fg'), theme.fg).css,
  };
}
