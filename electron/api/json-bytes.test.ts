/**
 * `/rpc` answers as ASCII JSON bytes (json-bytes.ts): the same JSON to a parser as
 * JSON.stringify's, pure ASCII on the wire, every non-ASCII character escaped as JSON.stringify
 * would write an escape, whatever its UTF-8 length and wherever it falls (the scan reads four
 * bytes at a time).
 */
import { describe, expect, it } from 'vitest';
import { jsonBytes, jsonByteSteps } from './json-bytes';
import { startLiveServer } from './test-support/live-server';
import { runCounting } from '../../shared/engine/test-support/run-steps';

const asText = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
const escaped = (text: string): string =>
  text.replace(
    /[\u0080-\uffff]/g,
    (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

describe('/rpc answers as JSON bytes', () => {
  it('[A4] escapes every non-ASCII character (2, 3 and 4 UTF-8 bytes) and parses back to the same value', () => {
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
    expect(JSON.parse(asText(bytes))).toEqual(value);
    const text = asText(bytes);
    expect(text).toContain('\\u00dcber caf\\u00e9 \\u2014 \\u8ba1\\u5212 \\ud83d\\ude80');
    expect(text).toContain('\\u00ff\\u00e9');
    // JSON.stringify's own escape of a lone surrogate is kept as it wrote it.
    expect(text).toContain('\\ud800x');
    expect(text).toBe(escaped(JSON.stringify(value)));
  });

  it('[A4] an ASCII answer is byte for byte what JSON.stringify writes', () => {
    const value = { ok: true, value: { ids: ['n1', 'n2'], x: [1, -2.25, 1e21], s: 'tab\there' } };
    expect(asText(jsonBytes(value))).toBe(JSON.stringify(value));
  });

  it('[A4] a non-ASCII character at every offset of the four-byte scan, and at the very end', () => {
    for (const char of ['é', '—', '🚀']) {
      for (let pad = 0; pad < 8; pad++) {
        const value = { t: `${'x'.repeat(pad)}${char}${'y'.repeat(pad % 3)}`, end: char };
        expect(asText(jsonBytes(value))).toBe(escaped(JSON.stringify(value)));
      }
      // The last bytes of the buffer, past the last whole four-byte word.
      expect(asText(jsonBytes(`ab${char}`))).toBe(escaped(JSON.stringify(`ab${char}`)));
    }
  });

  it('[A4] a large answer with non-ASCII titles is the same value, and values JSON drops stay dropped', () => {
    const nodes = Array.from({ length: 3000 }, (_, i) => ({
      id: `n${i}`,
      title: i % 7 ? `task ${i}` : `tâche ${i} — ✓ 🚀`,
      position: { x: i * 1.25, y: -i },
      gone: undefined,
      nan: NaN,
    }));
    const value = { ok: true, value: { nodes } };
    const text = asText(jsonBytes(value));
    expect(text).toBe(escaped(JSON.stringify(value)));
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('[A4] an answer written in parts (objects key by key, five levels deep) is the same bytes as one JSON.stringify', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.t = 'sans prototype — ✓';
    const value = {
      ok: true,
      skipped: undefined,
      fn: () => 1,
      value: {
        when: new Date(0),
        custom: { toJSON: () => ({ as: 'été' }) },
        bare,
        empty: {},
        nodes: {
          count: 2,
          gone: undefined,
          columns: {
            id: { v: ['n1', 'n2'] },
            title: { v: ['Zoë 🚀', 'plain'] },
            deep: { d: [{ x: { y: 'ü' } }, null], r: [0, 1, 1, 1], no: undefined },
            nothing: {},
          },
        },
        list: [{ a: undefined, b: 'é' }, undefined, 'x'],
      },
    };
    expect(asText(jsonBytes(value))).toBe(escaped(JSON.stringify(value)));
    expect(asText(jsonBytes({}))).toBe('{}');
    expect(asText(jsonBytes([1, 'é']))).toBe(escaped(JSON.stringify([1, 'é'])));
    expect(asText(jsonBytes('é'))).toBe('"\\u00e9"');
  });

  it('[A4] written in steps, a yield after each value written on its own: the same bytes', () => {
    const columns = {
      id: { v: ['a', 'b'] },
      title: { v: ['Zoë', 'x'] },
      status: { d: [0], r: [0, 2] },
    };
    const value = { ok: true, value: { member: 'm', nodes: { count: 2, columns } } };
    const { value: result, yields } = runCounting(jsonByteSteps(value));
    // At least one after each of: ok, member, count, the three columns and their arrays.
    expect(yields).toBeGreaterThanOrEqual(9);
    expect(asText(result)).toBe(asText(jsonBytes(value)));
    expect(JSON.parse(asText(result))).toEqual(value);
  });

  it('[A4] a long array is written a chunk a step (the titles of 100,000 nodes were one 0.25 s step): the same bytes', () => {
    const titles: unknown[] = Array.from({ length: 50_000 }, (_, i) =>
      i % 5 === 0
        ? `tâche ${i} 🚀`
        : i % 7 === 0
          ? undefined
          : i % 11 === 0
            ? { n: i, é: [i] }
            : `t${i}`,
    );
    titles[12_345] = () => 1;
    delete titles[40_000]; // a hole
    const value = {
      ok: true,
      value: { nodes: { count: titles.length, columns: { title: { v: titles } } } },
    };
    const { value: result, yields } = runCounting(jsonByteSteps(value));
    expect(asText(result)).toBe(escaped(JSON.stringify(value)));
    // 50,000 elements in chunks of 8,192: seven steps for the array alone (at depth 5, below
    // the objects written key by key), and one after each of the seven keys on the way.
    expect(yields).toBe(7 + 7);
    const ascii = Array.from({ length: 20_000 }, (_, i) => i * 0.5);
    expect(asText(jsonBytes({ v: ascii }))).toBe(JSON.stringify({ v: ascii }));
  });

  it('[A4] /rpc answers with those bytes: ASCII, their length, and the value', async () => {
    const server = await startLiveServer();
    try {
      const rpc = (method: string, body: string) =>
        fetch(`${server.origin}/rpc/${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
          body,
        });
      expect((await rpc('node.create', JSON.stringify({ title: 'Zoë — 🚀' }))).status).toBe(200);
      const res = await fetch(`${server.origin}/rpc/graph.get`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.token}` },
        body: '',
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(Number(res.headers.get('content-length'))).toBe(bytes.byteLength);
      expect(bytes.every((b) => b < 0x80)).toBe(true);
      expect(asText(bytes)).toContain('Zo\\u00eb \\u2014 \\ud83d\\ude80');
      const body = JSON.parse(asText(bytes)) as {
        ok: boolean;
        value: { nodes: { title: string }[] };
      };
      expect(body.ok).toBe(true);
      expect(body.value.nodes.map((n) => n.title)).toContain('Zoë — 🚀');
    } finally {
      await server.close();
    }
  });
});
