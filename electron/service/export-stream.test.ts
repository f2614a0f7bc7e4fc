import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, EXPORTERS } from '../../shared/exchange/formats';
import { sampleGraph } from '../../shared/exchange/test-support/fixtures';
import { planGraph, withSchedule } from '../../shared/exchange/test-support/plan-fixture';
import { pieceBytes, textBytes, textSlices } from './export-stream';

const bytesOf = async (body: ReadableStream<Uint8Array>): Promise<Buffer> => {
  const parts: Uint8Array[] = [];
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) parts.push(chunk);
  return Buffer.concat(parts);
};

const graphFor = (format: (typeof EXPORT_FORMATS)[number]) =>
  EXPORTERS[format].schedule ? withSchedule(planGraph()) : sampleGraph();

describe('a text export as a download, piece by piece', () => {
  it('[F1] every format: the streamed bytes are the exporter’s file, byte for byte', async () => {
    for (const format of EXPORT_FORMATS) {
      const graph = graphFor(format);
      const want = Buffer.from(EXPORTERS[format].write(graph), 'utf8');
      const got = await bytesOf(pieceBytes(EXPORTERS[format].pieces(graph, 1)));
      expect(got.equals(want), format).toBe(true);
    }
  });

  it('[F1] the event loop turns between two pieces: other requests are answered meanwhile', async () => {
    const order: string[] = [];
    function* pieces(): Generator<string> {
      for (let i = 0; i < 3; i++) {
        order.push(`piece ${i}`);
        setImmediate(() => order.push(`other ${i}`));
        yield `${i}`;
      }
    }
    expect((await bytesOf(pieceBytes(pieces()))).toString()).toBe('012');
    expect(order).toEqual(['piece 0', 'other 0', 'piece 1', 'other 1', 'piece 2', 'other 2']);
  });

  it('[F1] an empty piece is a turn of the event loop for a long preparation, not a chunk', async () => {
    const order: string[] = [];
    function* pieces(): Generator<string> {
      for (const step of [1, 2]) {
        order.push(`preparing ${step}`);
        setImmediate(() => order.push(`other ${step}`));
        yield '';
      }
      order.push('writing');
      yield 'x';
    }
    const chunks: Uint8Array[] = [];
    for await (const c of pieceBytes(pieces()) as unknown as AsyncIterable<Uint8Array>) {
      chunks.push(c);
    }
    expect(chunks.map((c) => Buffer.from(c).toString())).toEqual(['x']);
    expect(order).toEqual(['preparing 1', 'other 1', 'preparing 2', 'other 2', 'writing']);
  });

  it('[E1] an exporter failing on its way in throws before any answer; later, the stream fails', async () => {
    // eslint-disable-next-line require-yield -- fails before its first piece
    function* failsAtOnce(): Generator<string> {
      throw new Error('bad graph');
    }
    expect(() => pieceBytes(failsAtOnce())).toThrow('bad graph');
    function* failsLater(): Generator<string> {
      yield 'a';
      throw new Error('later');
    }
    await expect(bytesOf(pieceBytes(failsLater()))).rejects.toThrow('later');
  });

  it('[F1] a download given up ends the writer (its finally runs)', async () => {
    let ended = false;
    function* endless(): Generator<string> {
      try {
        for (;;) yield 'x';
      } finally {
        ended = true;
      }
    }
    const reader = pieceBytes(endless()).getReader();
    await reader.read();
    await reader.cancel();
    expect(ended).toBe(true);
  });

  it('[F1] a whole text in slices never cuts an emoji in two', async () => {
    const text = `ab\u{1F680}c\u{1F680}\u{1F680}d`;
    for (let chars = 1; chars <= text.length; chars++) {
      const slices = [...textSlices(text, chars)];
      // Each slice encodes alone to valid UTF-8: no half of a pair became U+FFFD.
      const decoded = slices.map((s) =>
        new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(s)),
      );
      expect(decoded.join(''), `slices of ${chars}`).toBe(text);
      expect((await bytesOf(textBytes(text, chars))).toString('utf8')).toBe(text);
    }
  });
});
