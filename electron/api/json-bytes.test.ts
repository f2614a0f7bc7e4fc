/**
 * `/rpc` answers as ASCII JSON bytes (json-bytes.ts): the same JSON to a parser as
 * JSON.stringify's, pure ASCII on the wire, and a large answer streamed in pieces that add up
 * to the whole.
 */
import { describe, expect, it } from 'vitest';
import { jsonBody, jsonBytes } from './json-bytes';

const decode = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(bytes));

async function drain(body: Uint8Array | ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  if (body instanceof Uint8Array) return [body];
  const pieces: Uint8Array[] = [];
  for await (const piece of body) pieces.push(piece);
  return pieces;
}

describe('/rpc answers as JSON bytes', () => {
  it('[A4] escapes every non-ASCII character and parses back to the same value', () => {
    const value = {
      ok: true,
      value: {
        title: 'Über café — 计划 🚀',
        latin1: 'ÿé',
        lone: '\ud800x',
        quote: 'a "b" \\ c\n',
        nested: [{ owner: 'Zoë' }, 1.5, null, false],
      },
    };
    const bytes = jsonBytes(value);
    expect(bytes.every((b) => b < 0x80)).toBe(true);
    expect(decode(bytes)).toEqual(value);
    const text = Buffer.from(bytes).toString('latin1');
    expect(text).toContain('\\u00dcber caf\\u00e9 \\u2014 \\u8ba1\\u5212 \\ud83d\\ude80');
    expect(text).toContain('\\u00ff\\u00e9');
    expect(text).toContain('\\ud800x');
  });

  it('[A4] an ASCII answer is byte for byte what JSON.stringify writes', () => {
    const value = { ok: true, value: { ids: ['n1', 'n2'], x: [1, -2.25, 1e21], s: 'tab\there' } };
    expect(Buffer.from(jsonBytes(value)).toString('latin1')).toBe(JSON.stringify(value));
  });

  it('[A4] keeps small answers whole and streams large ones in pieces of at most the chunk size', async () => {
    const small = jsonBytes({ ok: true, value: 'x'.repeat(100) });
    expect(jsonBody(small, 1024)).toBe(small);
    const exact = new Uint8Array(1024).fill(32);
    expect(jsonBody(exact, 1024)).toBe(exact);

    const large = new Uint8Array(10 * 1024 + 7).map((_, i) => 32 + (i % 90));
    const pieces = await drain(jsonBody(large, 1024));
    expect(pieces.map((p) => p.byteLength)).toEqual([...Array(10).fill(1024), 7]);
    const joined = Buffer.concat(pieces);
    expect(joined.equals(Buffer.from(large))).toBe(true);
  });

  it('[A4] a large answer with non-ASCII text arrives equal to the value, across chunk boundaries', async () => {
    const nodes = Array.from({ length: 3000 }, (_, i) => ({
      id: `n${i}`,
      title: i % 7 ? `task ${i}` : `tâche ${i} — ✓`,
      position: { x: i * 1.25, y: -i },
    }));
    const value = { ok: true, value: { nodes } };
    const bytes = jsonBytes(value);
    const pieces = await drain(jsonBody(bytes, 4096));
    expect(pieces.length).toBe(Math.ceil(bytes.byteLength / 4096));
    expect(pieces.length).toBeGreaterThan(10);
    expect(decode(Buffer.concat(pieces))).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('[A4] values JSON.stringify drops or turns to null stay so (undefined, functions, NaN)', () => {
    const value = { ok: true, value: { a: undefined, b: NaN, c: [undefined, () => 1], d: 'é' } };
    expect(decode(jsonBytes(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });
});
