import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, EXPORTERS } from '../../shared/exchange/formats';
import { sampleGraph } from '../../shared/exchange/test-support/fixtures';
import { planGraph, withSchedule } from '../../shared/exchange/test-support/plan-fixture';
import { GraphAssembler, graphParts, utf8Chunks } from './export-parts';
import { runExport } from './run-export';

const bytesOf = async (body: ReadableStream<Uint8Array>): Promise<Buffer> => {
  const parts: Uint8Array[] = [];
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) parts.push(chunk);
  return Buffer.concat(parts);
};

/** Every format's graph: the plan's exports need the schedule the service adds. */
const graphFor = (format: (typeof EXPORT_FORMATS)[number]) =>
  EXPORTERS[format].schedule ? withSchedule(planGraph()) : sampleGraph();

describe('text exports written on a worker thread', () => {
  it('[F1] every format: the streamed bytes are the exporter’s text, byte for byte', async () => {
    for (const format of EXPORT_FORMATS) {
      const graph = graphFor(format);
      const want = Buffer.from(EXPORTERS[format].write(graph), 'utf8');
      // 7 units a chunk: many chunk ends, some right after an emoji's first half.
      const body = await runExport(format, graph, { charsPerChunk: 7 });
      if (!body.ok) throw new Error(body.error.message);
      const got = await bytesOf(body.value);
      expect(got.equals(want), format).toBe(true);
    }
  }, 60_000);

  it('[F1] the graph crosses in parts and comes back whole, schedule included', () => {
    const graph = withSchedule(planGraph());
    const assembler = new GraphAssembler();
    const parts = [...graphParts(graph, 2)];
    expect(parts.length).toBeGreaterThan(4);
    const whole = parts.map((p) => assembler.add(structuredClone(p))).at(-1);
    expect(whole).toEqual(graph);
  });

  it('[F1] a chunk never ends inside a surrogate pair', () => {
    const text = `ab\u{1F680}c\u{1F680}\u{1F680}d`;
    for (let chars = 1; chars <= text.length; chars++) {
      const chunks = [...utf8Chunks(text, chars)];
      const decoded = chunks.map((c) => new TextDecoder('utf-8', { fatal: true }).decode(c));
      expect(decoded.join(''), `chunks of ${chars}`).toBe(text);
    }
  });

  it('[E1] a worker that cannot start is a typed failure, not a throw', async () => {
    const missing = new URL('./no-such-export-worker.mjs', import.meta.url);
    const body = await runExport('graphml', sampleGraph(), { workerUrl: missing });
    expect(body.ok ? undefined : body.error.code).toBe('internal.export_failed');
  });
});
