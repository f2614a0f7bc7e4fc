/**
 * A plan shaped like the ones people draw, for the layout benchmark and tests: work in layers
 * (each task blocked by one or two tasks of the layers just before it, mostly from its own
 * workstream, sometimes from another), and epics that are the parents (`is_parent_of`) of a
 * run of tasks. Nodes are numbered 0..n-1; the same seed gives the same plan.
 */
import { seededRandom } from './seeded-random';

export interface PlanShape {
  /** Which node indices are epics (the rest are tasks). */
  epics: number[];
  /**
   * Links by node index, as stored: `hierarchy` marks an epic → task `is_parent_of` link
   * (where the task is the blocker), the others are plain links from blocker to blocked.
   */
  links: { source: number; target: number; hierarchy: boolean }[];
}

export function planShape(n: number, seed = 14): PlanShape {
  const rnd = seededRandom(seed);
  const epicCount = Math.max(1, Math.round(n / 12));
  const taskCount = n - epicCount;
  const width = Math.max(2, Math.round(Math.sqrt(taskCount) * 1.4));
  const layers: number[][] = [];
  for (let t = 0; t < taskCount; t++) {
    const layer = Math.floor(t / width);
    (layers[layer] ??= []).push(t);
  }
  const links: PlanShape['links'] = [];
  const seen = new Set<string>();
  const add = (source: number, target: number, hierarchy: boolean) => {
    const key = `${source}>${target}`;
    if (source === target || seen.has(key)) return;
    seen.add(key);
    links.push({ source, target, hierarchy });
  };
  for (let l = 1; l < layers.length; l++) {
    const layer = layers[l]!;
    layer.forEach((task, slot) => {
      const blockers = rnd() < 0.6 ? 1 : 2;
      for (let b = 0; b < blockers; b++) {
        const back = rnd() < 0.75 ? 1 : Math.min(l, 2 + Math.floor(rnd() * 2));
        const from = layers[l - back]!;
        // Mostly the same workstream (a nearby slot), sometimes anywhere.
        const near = rnd() < 0.8;
        const at = near
          ? Math.min(from.length - 1, Math.max(0, slot + Math.round((rnd() - 0.5) * 6)))
          : Math.floor(rnd() * from.length);
        add(from[at]!, task, false);
      }
    });
  }
  // Each epic is the parent of a run of consecutive tasks (a workstream slice).
  const epics: number[] = [];
  const run = Math.max(1, Math.floor(taskCount / epicCount));
  for (let e = 0; e < epicCount; e++) {
    const epic = taskCount + e;
    epics.push(epic);
    // Slices do not overlap: a task has one parent at most ([L2] is_parent_of).
    for (let k = 0; k < Math.min(run, 10); k++) add(epic, e * run + k, true);
  }
  return { epics, links };
}
