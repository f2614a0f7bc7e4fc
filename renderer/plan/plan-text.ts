/**
 * The words of a card's planning line (CardPlan.tsx): short dates, initials, days. Kept apart
 * from the component so the card's size estimate (renderer/exchange/card-text.ts) measures
 * the same words without React.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "24 Dec" this year, "24 Dec 2027" another year (the date is a UTC calendar date). */
export function shortDate(date: string, thisYear = new Date().getUTCFullYear()): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = `${d} ${MONTHS[m - 1] ?? '?'}`;
  return y === thisYear ? day : `${day} ${y}`;
}

/** "Ada Lovelace" → "AL", "grace.hopper@navy.mil" → "GH", "bob" → "B". */
export function initials(who: string): string {
  const name = who.includes('@') ? who.slice(0, who.indexOf('@')) : who;
  const parts = name.split(/[\s._-]+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map((p) => [...(p ?? '')][0]?.toUpperCase() ?? '').join('') || '?';
}

/** Working days, as the card writes them: "2.5d". */
export const planDays = (n: number): string => `${Math.round(n * 100) / 100}d`;
