/**
 * One GraphML measurement of `exchange.bench.ts`, in a process of its own: `node --expose-gc
 * --import tsx bench/support/graphml-fresh.ts <nodes> <import|saxes> <runs>` prints one JSON
 * line `{ ms, cpuMs, ok }` (medians after a warm-up).
 *
 * Why a process of its own: in one Node process, saxes' parse of a 10,000-node file gets ~4×
 * slower from about the seventh parse on, whatever ran before (docs/exchange.md, "Speed").
 * The service reads every import in a fresh worker, so it never meets this; measured in the
 * benchmark's long-lived process, whichever GraphML line came seventh carried it. Each line
 * here starts fresh, as an import through the service does, and parses at most four times.
 * The file is the one the parent exported: the same generated workspace, as the store loads it.
 */
import { exportGraphml, importGraphml } from '../../shared/exchange/index';
import { scanXmlSafely } from '../../shared/exchange/xml-guard';
import { bigGraph, importContext } from '../../shared/exchange/test-support/fixtures';
import { medianRun } from './median-run';

const [nodesArg, what, runsArg] = process.argv.slice(2);
const nodes = Number(nodesArg);
const runs = Number(runsArg ?? 3);
const graphml = exportGraphml(JSON.parse(JSON.stringify(bigGraph(nodes))));
const noop = { wantsText: false, open: () => undefined, close: () => undefined, text: () => {} };
const run =
  what === 'saxes'
    ? () => scanXmlSafely(graphml, 'GraphML file', noop).ok
    : () => importGraphml(graphml, importContext()).ok;
const m = medianRun(run, runs);
console.log(
  JSON.stringify({ ms: m.ms, cpuMs: m.cpuMs, ok: m.result === true, chars: graphml.length }),
);
