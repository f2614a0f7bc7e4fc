import { describe, expect, it } from 'vitest';
import { exportNativeJson, importNativeJson } from './native-json';
import { IMPORT_LIMITS, MAX_IMPORT_NODES, MAX_JSON_DEPTH } from './limits';
import { sampleGraph } from './test-support/fixtures';

const file = () => JSON.parse(exportNativeJson(sampleGraph())) as Record<string, unknown>;
const refuse = (text: string) => {
  const result = importNativeJson(text);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
};

describe('[F1] native JSON', () => {
  it('[F1] round-trips the whole workspace exactly', () => {
    const graph = sampleGraph();
    const result = importNativeJson(exportNativeJson(graph));
    expect(result).toEqual({ ok: true, value: graph });
  });

  it('[F1] keeps trash, private links, custom types, members and grants', () => {
    const result = importNativeJson(exportNativeJson(sampleGraph()));
    if (!result.ok) throw new Error(result.error.message);
    const g = result.value;
    expect(g.nodes.filter((n) => n.in_trash)).toHaveLength(1);
    expect(g.links.filter((l) => l.private).map((l) => l.display_id)).toEqual(['LNK-3', 'LNK-7']);
    expect(g.custom_link_types[0]?.blocker).toBe('target');
    expect(g.members.map((m) => m.username)).toEqual(['olivia', 'max']);
    expect(g.grants).toHaveLength(2);
  });

  it('refuses text that is not JSON', () => {
    expect(refuse('{"format": "linkgraph",').code).toBe('bad_request.import_malformed');
  });

  it('refuses wrong types, naming the field', () => {
    const f = file();
    (f.nodes as Record<string, unknown>[])[2]!.status = 'done';
    const error = refuse(JSON.stringify(f));
    expect(error.code).toBe('bad_request.import_invalid');
    expect(error.message).toContain('nodes[2].status');
  });

  it('refuses unknown fields and a wrong format marker', () => {
    const f = file();
    (f.links as Record<string, unknown>[])[0]!.extra = 1;
    expect(refuse(JSON.stringify(f)).message).toContain('links[0]');
    expect(refuse(JSON.stringify({ ...file(), format: 'other' })).message).toContain('format');
  });

  it('refuses titles over the [N4] limit', () => {
    const f = file();
    (f.nodes as Record<string, unknown>[])[0]!.title = 'x'.repeat(81);
    expect(refuse(JSON.stringify(f)).message).toContain('nodes[0].title');
  });

  // Ids and references (duplicates, dangling ends, owners, grants) are the engine load's to
  // check, for every format: electron/service/import-references.test.ts.

  it('refuses __proto__ keys', () => {
    const text = exportNativeJson(sampleGraph()).replace(
      '"format"',
      '"__proto__": {"polluted": 1}, "format"',
    );
    const error = refuse(text);
    expect(error.code).toBe('bad_request.import_unsafe');
    expect(error.message).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses deep nesting before parsing', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const error = refuse(deep);
    expect(error.code).toBe('bad_request.import_too_deep');
    expect(error.message).toContain(String(MAX_JSON_DEPTH));
  });

  it('refuses a node bomb by count before validating', () => {
    const bomb = `{"format":"linkgraph","nodes":[${'{},'.repeat(MAX_IMPORT_NODES)}{}]}`;
    const error = refuse(bomb);
    expect(error.code).toBe('bad_request.import_too_large');
    expect(error.message).toContain(String(MAX_IMPORT_NODES));
  });

  it('refuses huge input by size', () => {
    // The limit itself (256 MiB) is checked by text.test.ts; here a narrowed one, cheaply.
    const result = importNativeJson(' '.repeat(1001), { ...IMPORT_LIMITS, bytes: 1000 });
    expect(!result.ok && result.error.code).toBe('bad_request.import_too_large');
    expect(!result.ok && result.error.message).toContain('limit of 1000 bytes');
  });

  it('refuses a JSON value that is not an object', () => {
    expect(refuse('[1,2]').message).toContain('expected a JSON object');
  });
});
