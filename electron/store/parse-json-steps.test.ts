import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drain } from '../../shared/engine/steps';
import { parseJsonSteps, utf8Steps } from './parse-json-steps';
import { runCounting } from '../../shared/engine/test-support/run-steps';

const parse = (text: string, slice: number): unknown =>
  drain(parseJsonSteps(Buffer.from(text, 'utf8'), slice));

/** How `JSON.parse` and the stepped parse each end on `text`: a value, or a SyntaxError. */
function both(text: string, slice: number): { native: unknown; stepped: unknown } {
  const outcome = (f: () => unknown) => {
    try {
      return { value: f() };
    } catch (e) {
      return { error: (e as Error).name };
    }
  };
  return {
    native: outcome(() => JSON.parse(text)),
    stepped: outcome(() => parse(text, slice)),
  };
}

/** Key order as well as values (toStrictEqual does not compare the order of keys). */
const shape = (value: unknown): string => JSON.stringify(value);

describe('JSON parsed in steps (parse-json-steps.ts)', () => {
  it('gives what JSON.parse gives, values and key order, cut at every size', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 4 }),
        fc.integer({ min: 1, max: 64 }),
        fc.boolean(),
        (value, slice, spaced) => {
          const text = JSON.stringify(value, null, spaced ? 1 : undefined);
          const stepped = parse(text, slice);
          expect(stepped).toStrictEqual(JSON.parse(text));
          expect(shape(stepped)).toBe(shape(JSON.parse(text)));
        },
      ),
      { numRuns: 600 },
    );
  });

  it('keeps strings whole: commas, brackets, quotes and escapes inside them', () => {
    const values = [
      'a,b',
      '[x]',
      '{"y":1}',
      'q"uote',
      'back\\slash',
      '\\',
      'é,ü',
      '😀,😀',
      '\u2028',
    ];
    const text = JSON.stringify({ list: Array.from({ length: 40 }, (_, k) => values[k % 9]) });
    for (let slice = 1; slice < 40; slice++) expect(parse(text, slice)).toEqual(JSON.parse(text));
  });

  it('big members inside big members split too (a workspace: nodes inside genesis)', () => {
    const genesis = {
      format: 'linkgraph.workspace',
      counters: { TASK: 3 },
      nodes: Array.from({ length: 500 }, (_, k) => (k % 3 ? `n${k}` : k)),
      links: Array.from({ length: 300 }, (_, k) => [k, { w: k / 7 }]),
      after: true,
    };
    const text = JSON.stringify({ genesis, seq: 1 });
    const { value: result, yields } = runCounting(parseJsonSteps(Buffer.from(text), 64));
    expect(result).toEqual({ genesis, seq: 1 });
    // Cut into runs of ~64 bytes: many steps, not one.
    expect(yields).toBeGreaterThan(text.length / 128);
  });

  it('makes __proto__ an own key, as JSON.parse does, and keeps the last of duplicate keys', () => {
    const text = `{"__proto__":{"polluted":1},"a":[${'1,'.repeat(50)}2],"a2":3,"a2":4,"__proto__":[${'5,'.repeat(40)}6]}`;
    const stepped = parse(text, 16) as Record<string, unknown>;
    expect(Object.getPrototypeOf(stepped)).toBe(Object.prototype);
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
    expect(shape(stepped)).toBe(shape(JSON.parse(text)));
    expect(Object.keys(stepped)).toEqual(Object.keys(JSON.parse(text) as object));
  });

  it('throws a SyntaxError on malformed JSON, wherever the joint falls', () => {
    const big = `[${'1,'.repeat(30)}1]`;
    const malformed = [
      `[${big} ${big}]`, // a missing comma between big members
      `[${big},,${big}]`, // a missing value
      `[${big},]`, // a trailing comma
      `[${'1,'.repeat(30)}]`, // a trailing comma in a run
      `{"a":${big} "b":1}`,
      `{"a" ${big}}`, // a missing colon
      `{${big}}`, // a value without a key
      `[${big}}`, // a wrong bracket
      `[${big}`, // unclosed
      `${big} x`, // text after the value
      `[${'"a",'.repeat(30)}"b]`, // an unterminated string
      `{"a":[${'1,'.repeat(30)}1],"b":}`,
    ];
    for (const text of malformed) {
      for (const slice of [4, 16, 64]) {
        const { native, stepped } = both(text, slice);
        expect(native, text).toEqual({ error: 'SyntaxError' });
        expect(stepped, `${text} cut at ${slice}`).toEqual({ error: 'SyntaxError' });
      }
    }
  });

  it('a payload nested deeper than the call stack parses, as with JSON.parse', () => {
    const depth = 50_000;
    const text = `${'['.repeat(depth)}${'1,'.repeat(100)}1${']'.repeat(depth)}`;
    let native: unknown = JSON.parse(text);
    let stepped = parse(text, 16);
    for (let d = 0; d < depth - 1; d++) {
      native = (native as unknown[])[0];
      stepped = (stepped as unknown[])[0];
    }
    expect(stepped).toEqual(native);
    expect((stepped as unknown[]).length).toBe(101);
  });

  it('a small payload, or a large value with nowhere to cut, is one JSON.parse', () => {
    expect(parse('  {"a":1} ', 1024)).toEqual({ a: 1 });
    const long = JSON.stringify(['x'.repeat(500)]);
    expect(parse(long, 16)).toEqual(['x'.repeat(500)]);
    expect(parse('"just a string"', 1)).toBe('just a string');
    expect(both('', 1)).toEqual({
      native: { error: 'SyntaxError' },
      stepped: { error: 'SyntaxError' },
    });
  });

  it('a string is encoded to UTF-8 a part at a time, never splitting a surrogate pair', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.integer({ min: 1, max: 9 }),
        (text, units) => {
          const { value, yields } = runCounting(utf8Steps(text, units));
          expect(value.equals(Buffer.from(text, 'utf8'))).toBe(true);
          if (text.length > units) expect(yields).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
    // A pair across the first part's end: its two halves go together.
    const text = `a${'😀'.repeat(3)}b`;
    expect(runCounting(utf8Steps(text, 2)).value.toString('utf8')).toBe(text);
  });
});
