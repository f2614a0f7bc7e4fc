/**
 * Watches a page's main thread while something runs: the browser's long tasks (over 50 ms)
 * and the gaps between animation frames. `watchMainThread` starts, `stopWatching` answers.
 */
import type { Page } from '@playwright/test';

interface Watched {
  __gaps: number[];
  __long: number[];
  __run: boolean;
}

export async function watchMainThread(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as Watched;
    w.__gaps = [];
    w.__long = [];
    w.__run = true;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push(e.duration);
    }).observe({ type: 'longtask' });
    let last = performance.now();
    const tick = (t: number) => {
      w.__gaps.push(t - last);
      last = t;
      if (w.__run) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Stops the watch: the frame gaps and long tasks' durations seen since it started (ms). */
export async function stopWatching(page: Page): Promise<{ gaps: number[]; long: number[] }> {
  return page.evaluate(() => {
    const w = window as unknown as Watched;
    w.__run = false;
    return { gaps: w.__gaps, long: w.__long };
  });
}
