/**
 * The app bench's changes with the find bar on (CANVAS_BENCH_APP_FIND=<query>; bench/canvas-app.ts):
 * the query typed into the search box as a person would, so each one-node change is measured
 * with a search on (docs/canvas-performance.md, "A search, filter or focus on the change path").
 */
import type { Page } from '@playwright/test';

/** Types `query` into the search box, closes its list, and answers the count it showed. */
export async function searchFor(page: Page, query: string): Promise<string> {
  const box = page.getByRole('combobox', { name: 'Search nodes' });
  await box.fill(query);
  const count = page.getByTestId('search-count');
  await count.waitFor();
  const found = (await count.textContent()) ?? '';
  // Blurred, the list closes (Escape would also clear a search field's text).
  await box.blur();
  await page.waitForTimeout(300);
  return found;
}
