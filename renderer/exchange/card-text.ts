/**
 * A card's text as the pictures lay it out (graph-svg.ts): estimated advance widths, the
 * title wrapped as the card wraps it, and the card's size from its lines — or React Flow's
 * measurement of a mounted card.
 */
import type { NodeRecord } from '../../shared/model/types';
import { printable } from '../../shared/exchange/text';
import { CARD } from '../../shared/ui-constants';
import { initials, planDays, shortDate } from '../plan/plan-text';

const CARD_HEIGHT = CARD.height;
const TITLE_LINE = CARD.titleLine; // 13 px text
const CONTENT_WIDTH = CARD.contentWidth;
export const MAX_TITLE_LINES = 4; // titles are at most 80 characters
const CARD_WIDTH = CARD.width;

// Advance widths of ASCII 32–126 in hundredths of an em, regular and semi-bold, of DejaVu Sans
// (what `system-ui` is on a Linux without other fonts, and wider than Segoe UI or San
// Francisco: an estimate from it wraps a title early rather than letting it overflow).
const REGULAR =
  '32,40,46,84,64,95,78,27,39,39,50,84,32,36,32,34,64,64,64,64,64,64,64,64,64,64,34,34,84,84,84,53,100,68,69,70,77,63,58,77,75,29,29,66,56,86,75,79,60,79,69,63,61,73,68,99,69,61,69,39,34,39,84,50,50,61,63,55,63,62,35,63,63,28,28,58,28,97,63,61,63,63,41,52,39,63,59,82,59,59,52,64,34,64,84';
const BOLD =
  '35,46,52,84,70,100,87,31,46,46,52,84,38,42,38,37,70,70,70,70,70,70,70,70,70,70,40,40,84,84,84,58,100,77,76,73,83,68,68,82,84,37,37,77,64,100,84,85,73,85,77,72,68,81,77,110,77,72,73,46,37,46,84,50,50,67,72,59,72,68,44,72,71,34,34,67,34,104,71,69,72,72,49,60,48,71,65,92,65,65,58,71,37,71,84';
const WIDTHS = {
  regular: Float64Array.from(REGULAR.split(','), (w) => Number(w) / 100),
  bold: Float64Array.from(BOLD.split(','), (w) => Number(w) / 100),
};

function charWidth(code: number, bold: boolean): number {
  if (code >= 32 && code < 127) return (bold ? WIDTHS.bold : WIDTHS.regular)[code - 32]!;
  if (code >= 0x2e80) return 1; // CJK, emoji and other wide scripts
  return bold ? 0.72 : 0.64;
}

/** Estimated width of `text` in px at `size` px. */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += charWidth(ch.codePointAt(0)!, bold);
  return em * size;
}

/** Splits a title into lines of at most `width` px (13 px semi-bold), as the card wraps it. */
export function wrapTitle(title: string, width = CONTENT_WIDTH, maxLines = MAX_TITLE_LINES) {
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  const space = charWidth(32, true) * 13;
  for (const word of title.split(/\s+/).filter(Boolean)) {
    const w = textWidth(word, 13, true);
    if (line && lineWidth + space + w <= width) {
      line += ' ' + word;
      lineWidth += space + w;
      continue;
    }
    if (line) lines.push(line);
    if (w <= width) {
      line = word;
      lineWidth = w;
      continue;
    }
    // A word longer than the card breaks anywhere (CSS `overflow-wrap` would overflow; this keeps it inside).
    line = '';
    lineWidth = 0;
    for (const ch of word) {
      const cw = charWidth(ch.codePointAt(0)!, true) * 13;
      if (line && lineWidth + cw > width) {
        lines.push(line);
        line = '';
        lineWidth = 0;
      }
      line += ch;
      lineWidth += cw;
    }
  }
  if (line) lines.push(line);
  if (lines.length === 0) lines.push('');
  if (lines.length > maxLines) {
    lines.length = maxLines;
    lines[maxLines - 1] = ellipsis(lines[maxLines - 1]!, width);
  }
  return lines;
}

function ellipsis(line: string, width: number): string {
  let out = line;
  while (out && textWidth(out + '…', 13, true) > width) out = [...out].slice(0, -1).join('');
  return out + '…';
}

/** A card's size: React Flow's measurement when there is one, else the estimate from its title. */
export function cardSize(
  record: Pick<NodeRecord, 'title'>,
  measured?: { width: number; height: number },
): { width: number; height: number; lines: string[] } {
  const lines = wrapTitle(printable(record.title) || 'Untitled');
  if (measured && measured.width > 0 && measured.height > 0) {
    // Keep the lines that fit the measured box.
    const fit = Math.max(1, Math.floor((measured.height - CARD_HEIGHT) / TITLE_LINE) + 1);
    if (lines.length > fit) {
      lines.length = fit;
      lines[fit - 1] = ellipsis(lines[fit - 1]!, CONTENT_WIDTH);
    }
    return { width: measured.width, height: measured.height, lines };
  }
  return { width: CARD_WIDTH, height: CARD_HEIGHT + (lines.length - 1) * TITLE_LINE, lines };
}

/** The planning line's text (plan.css): 11 px, and initials 10 px semi-bold in a chip. */
const PLAN_TEXT_PX = 11;
const INITIALS_PX = 10;
const CHIP_PADDING = 6;
const PEOPLE_GAP = 2;
/** Its items: due date, estimate, late mark, people; each may take a line of its own. */
export const MAX_PLAN_HEIGHT = CARD.planTop + 4 * CARD.planLine + 3 * CARD.planGap;

/**
 * The height a card's planning line adds (renderer/plan/CardPlan.tsx), 0 without planning
 * fields: its items wrap as flex items do, each line CARD.planLine tall. The late mark comes
 * from the schedule, not the record, and is not counted (it fits beside the rest but for
 * long lines of people).
 */
export function planRowHeight(
  record: Pick<NodeRecord, 'due_date' | 'estimate' | 'assignee'>,
): number {
  const { due_date: due, estimate, assignee } = record;
  const widths: number[] = [];
  if (due !== undefined) widths.push(textWidth(`due ${shortDate(due)}`, PLAN_TEXT_PX));
  if (estimate !== undefined) widths.push(textWidth(planDays(estimate), PLAN_TEXT_PX));
  if (assignee?.length) {
    let people = (assignee.length - 1) * PEOPLE_GAP;
    for (const who of assignee) {
      people += Math.max(CARD.planLine, textWidth(initials(who), INITIALS_PX, true) + CHIP_PADDING);
    }
    widths.push(people);
  }
  if (widths.length === 0) return 0;
  let lines = 1;
  let used = 0;
  for (const w of widths) {
    if (used > 0 && used + CARD.planGap + w > CONTENT_WIDTH) {
      lines++;
      used = w;
    } else used += (used > 0 ? CARD.planGap : 0) + w;
  }
  return CARD.planTop + lines * CARD.planLine + (lines - 1) * CARD.planGap;
}
