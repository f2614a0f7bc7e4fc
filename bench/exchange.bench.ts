// Export (and import) speed of every text format on a generated 10,000-node workspace.
// SPEC budget: any text export of 10,000 nodes under 1 s. Run: `npm run bench -- exchange`.
import {
  exportCanvas,
  exportCsv,
  exportDot,
  exportGraphml,
  exportMermaid,
  exportNativeJson,
  importCanvas,
  importCsv,
  importGraphml,
  importNativeJson,
} from '../shared/exchange/index';
import { bigGraph, importContext } from '../shared/exchange/test-support/fixtures';
import { graphSvg } from '../renderer/exchange/graph-svg';

const NODES = 10_000;
const RUNS = 7;
/** Imports are slower and outside the budget: fewer runs keep the benchmark short. */
const IMPORT_RUNS = 3;
const BUDGET_MS = 1000;
const gc = (globalThis as { gc?: () => void }).gc;

function median(fn: () => unknown, runs = RUNS): { ms: number; result: unknown } {
  let result: unknown;
  fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc?.();
    const start = performance.now();
    result = fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(runs / 2)] ?? NaN, result };
}

const graph = bigGraph(NODES);
console.log(
  `workspace: ${graph.nodes.length} nodes, ${graph.links.length} links; median of ${RUNS} export and ${IMPORT_RUNS} import runs`,
);

const exporters: [string, () => string][] = [
  ['json', () => exportNativeJson(graph)],
  ['graphml', () => exportGraphml(graph)],
  ['dot', () => exportDot(graph)],
  ['mermaid', () => exportMermaid(graph)],
  ['canvas', () => exportCanvas(graph)],
  [
    'csv (both files)',
    () => {
      const { nodes, links } = exportCsv(graph);
      return nodes + links;
    },
  ],
  // The editor's picture (renderer/exchange/graph-svg.ts); PNG rasterises it in the browser.
  ['svg (picture)', () => graphSvg({ nodes: graph.nodes, links: graph.links }).svg],
];

let overBudget = 0;
const files = new Map<string, string>();
for (const [name, run] of exporters) {
  const { ms, result } = median(run);
  const text = String(result);
  files.set(name, text);
  const flag = ms > BUDGET_MS ? '  OVER BUDGET' : '';
  if (flag) overBudget++;
  console.log(
    `export ${name.padEnd(17)} ${ms.toFixed(1).padStart(8)} ms  ${(text.length / 1e6).toFixed(2)} MB${flag}`,
  );
}

const importers: [string, () => unknown][] = [
  ['json', () => importNativeJson(files.get('json') ?? '')],
  ['graphml', () => importGraphml(files.get('graphml') ?? '', importContext())],
  ['canvas', () => importCanvas(files.get('canvas') ?? '', importContext())],
  ['csv', () => importCsv(exportCsv(graph), importContext())],
];
for (const [name, run] of importers) {
  const { ms, result } = median(run, IMPORT_RUNS);
  const okFlag = (result as { ok: boolean }).ok ? '' : '  FAILED';
  console.log(`import ${name.padEnd(17)} ${ms.toFixed(1).padStart(8)} ms${okFlag}`);
}

if (overBudget > 0) {
  console.error(`${overBudget} export(s) over the ${BUDGET_MS} ms budget`);
  process.exit(1);
}
