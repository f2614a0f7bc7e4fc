// Imports and exports are pure: no randomness or clock of their own (ids and times come from
// the ImportContext), the same input always gives the same output, and the input graph is
// never modified.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as exchange from './index';
import { importContext, sampleGraph } from './test-support/fixtures';
import { planGraph, withSchedule } from './test-support/plan-fixture';

const forbid = (name: string) => () => {
  throw new Error(`${name} called by exchange code`);
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('exchange code is pure', () => {
  it('uses no Math.random, Date.now or crypto.randomUUID, and repeats itself exactly', () => {
    const graph = sampleGraph();
    const before = structuredClone(graph);
    vi.spyOn(Math, 'random').mockImplementation(forbid('Math.random'));
    vi.spyOn(Date, 'now').mockImplementation(forbid('Date.now'));
    vi.spyOn(globalThis.crypto, 'randomUUID').mockImplementation(forbid('crypto.randomUUID'));

    const planned = withSchedule(planGraph());
    const run = () => {
      const csv = exchange.exportCsv(graph);
      return {
        exports: [
          exchange.exportNativeJson(graph),
          exchange.exportGraphml(graph),
          exchange.exportDot(graph),
          exchange.exportMermaid(graph),
          exchange.exportCanvas(graph),
          csv.nodes,
          csv.links,
          exchange.exportGantt(planned),
          exchange.exportIcal(planned),
        ],
        imports: [
          exchange.importNativeJson(exchange.exportNativeJson(graph)),
          exchange.importGraphml(exchange.exportGraphml(graph), importContext()),
          exchange.importCanvas(exchange.exportCanvas(graph), importContext()),
          exchange.importCsv(csv, importContext()),
        ],
      };
    };
    const first = run();
    expect(first.imports.map((r) => r.ok)).toEqual([true, true, true, true]);
    expect(run()).toEqual(first);
    expect(graph).toEqual(before);
  });

  it('the format table reaches every converter, and importAs round-trips each importable format', () => {
    const graph = sampleGraph();
    for (const format of exchange.EXPORT_FORMATS) {
      expect(exchange.EXPORTERS[format].write(graph).length).toBeGreaterThan(100);
    }
    const texts: Record<exchange.ImportFormat, string> = {
      json: exchange.EXPORTERS.json.write(graph),
      graphml: exchange.EXPORTERS.graphml.write(graph),
      canvas: exchange.EXPORTERS.canvas.write(graph),
      csv: exchange.exportCsvCombined(graph),
    };
    for (const format of exchange.IMPORT_FORMATS) {
      const result = exchange.importAs(format, texts[format], importContext());
      expect(result.ok && result.value.nodes.map((n) => n.id).slice(0, 10)).toEqual(
        graph.nodes.map((n) => n.id).slice(0, 10),
      );
    }
  });
});
