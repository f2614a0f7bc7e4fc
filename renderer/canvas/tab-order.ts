/**
 * Tab reaches the cards before the links. React Flow draws its edge layer (an SVG) before its
 * node layer, so in DOM order — the browser's Tab order — every link came before the first
 * card. Links are kept out of the natural sequence (tabIndex -1, flow-elements.ts) and this
 * keydown handler puts them back right after the last card: Tab walks the cards, then the
 * links, then on to the canvas's controls; Shift+Tab walks back the same way. Positive
 * tabindex values would do it too, but they reorder the whole page (and axe flags them).
 */
import { useEffect } from 'react';

const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), ' +
  'select:not([disabled]), textarea:not([disabled]), [tabindex], [contenteditable="true"]';

const shown = (el: Element) => el.getClientRects().length > 0 && !el.closest('[inert]');

/**
 * The page's Tab sequence with a canvas's links moved to just after its cards. `flow` is the
 * canvas's `.react-flow` element; `edgeSelector` matches its links.
 */
export function tabSequence(root: ParentNode, flow: Element): HTMLElement[] {
  const all = [...root.querySelectorAll<HTMLElement>(TABBABLE)].filter(shown);
  const isLink = (el: Element) => el.classList.contains('react-flow__edge') && flow.contains(el);
  const links = all.filter(isLink);
  const rest = all.filter((el) => !isLink(el) && el.tabIndex >= 0);
  // A card's own controls (a parent's collapse toggle) stay with it: the links go after the
  // last card and whatever it holds.
  const inCard = (el: Element) => flow.contains(el) && el.closest('.react-flow__node') !== null;
  const lastInCard = rest.findLastIndex(inCard);
  // No card on screen: the links stay where the canvas starts.
  const at =
    lastInCard >= 0
      ? lastInCard + 1
      : rest.findIndex((el) => flow.contains(el)) >= 0
        ? rest.findIndex((el) => flow.contains(el))
        : rest.length;
  return [...rest.slice(0, at), ...links, ...rest.slice(at)];
}

function onKeyDown(event: KeyboardEvent, reveal: (link: Element) => void): void {
  if (event.key !== 'Tab' || event.ctrlKey || event.metaKey || event.altKey) return;
  const active = document.activeElement;
  const flow = active?.closest('.react-flow');
  if (!active || !flow) return;
  const order = tabSequence(document, flow);
  const at = order.indexOf(active as HTMLElement);
  if (at < 0) return;
  const next = order[at + (event.shiftKey ? -1 : 1)];
  // Past either end of the page: the browser's own Tab takes focus out of the page.
  if (!next) return;
  event.preventDefault();
  next.focus();
  // React Flow pans to a focused card, not to a link: bring a link out of sight into view.
  if (next.classList.contains('react-flow__edge')) reveal(next);
}

/**
 * Installs the order while the canvas is mounted. `reveal` is called with a link that Tab
 * just focused (GraphCanvas centres it when it is out of sight).
 */
export function useLinksAfterCardsTabOrder(reveal: (link: Element) => void): void {
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event, reveal);
    document.addEventListener('keydown', listener, true);
    return () => document.removeEventListener('keydown', listener, true);
  }, [reveal]);
}

/** Whether an element lies wholly inside a box (the canvas's visible part). */
export function withinBox(el: Element, box: DOMRect): boolean {
  const r = el.getBoundingClientRect();
  return r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom;
}
