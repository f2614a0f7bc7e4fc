/**
 * The colours of every piece of text on the page, as the page computed them: each element
 * with its own visible text, its text colour and the background it is drawn on (its own and
 * its ancestors' backgrounds composited, translucent ones included), and whether it is large
 * text. axe-core leaves text on React Flow's canvas "incomplete" (the cards sit under other
 * layers, so it cannot tell the background): this reads what is there instead.
 */
import type { Page } from '@playwright/test';
import { contrastRatio } from '../../shared/contrast';

export interface TextColours {
  text: string;
  colour: string;
  background: string;
  large: boolean;
}

export async function textColours(page: Page, root = '.lg-app'): Promise<TextColours[]> {
  return page.locator(root).evaluate((top) => {
    const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2d canvas');
    // Any CSS colour (rgb, color(srgb …), color-mix …) → [r, g, b, a 0..1], via the canvas.
    const rgba = (css: string): number[] => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = '#000';
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      const [r = 0, g = 0, b = 0, a = 0] = ctx.getImageData(0, 0, 1, 1).data;
      return [r, g, b, a / 255];
    };
    const over = (fg: number[], bg: number[]) => {
      const a = fg[3] ?? 1;
      return [0, 1, 2].map((i) => (fg[i] ?? 0) * a + (bg[i] ?? 0) * (1 - a)).concat(1);
    };
    const backgroundOf = (el: Element): number[] => {
      const layers: number[][] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if ((c[3] ?? 0) > 0) layers.push(c);
        if ((c[3] ?? 0) >= 1) break;
      }
      return layers.reduceRight((bg, layer) => over(layer, bg), [255, 255, 255, 1]);
    };
    const out: { text: string; colour: string; background: string; large: boolean }[] = [];
    for (const el of top.querySelectorAll('*')) {
      const own = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      if (!own || el.getClientRects().length === 0) continue;
      const s = getComputedStyle(el);
      if (s.visibility !== 'visible' || el.closest('[aria-hidden="true"], .lg-find-dim')) continue;
      const bg = backgroundOf(el);
      const fg = over(rgba(s.color), bg);
      const size = parseFloat(s.fontSize);
      const bold = Number(s.fontWeight) >= 700;
      const css = (c: number[]) => `rgb(${c.slice(0, 3).map(Math.round).join(', ')})`;
      out.push({
        text: own.slice(0, 40),
        colour: css(fg),
        background: css(bg),
        large: size >= 24 || (bold && size >= 18.66),
      });
    }
    return out;
  });
}

/** The texts below WCAG AA (4.5:1; 3:1 for large text), described for a failure message. */
export async function lowContrastText(page: Page, root?: string): Promise<string[]> {
  return (await textColours(page, root))
    .map((t) => ({ ...t, ratio: contrastRatio(t.colour, t.background) }))
    .filter((t) => t.ratio < (t.large ? 3 : 4.5))
    .map((t) => `"${t.text}" ${t.colour} on ${t.background}: ${t.ratio.toFixed(2)}`);
}
