// [F1] [E1] Import limits, format by format: a file just over a limit is refused with a typed
// error naming the limit, one at the limit is accepted. The limit logic is exercised with
// small limits given through ImportContext.limits (a 200,000-node file per case would make
// this suite take minutes); the real values are checked against the figures.
import { describe, expect, it } from 'vitest';
import { exportCanvas } from './canvas-export';
import { exportCsvCombined } from './csv-export';
import { EXPORTERS, importAs, type ImportFormat } from './formats';
import {
  IMPORT_LIMITS,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_LINKS,
  MAX_IMPORT_NODES,
  MAX_IMPORT_OTHER_RECORDS,
  type ImportLimits,
} from './limits';
import { utf8Length } from './text';
import { OWNER, importContext, link, node } from './test-support/fixtures';
import type { ExchangeGraph } from './types';

/** `nodes` nodes in a row, the first `links` of them linked to the next (plain links). */
function chain(nodes: number, links: number): ExchangeGraph {
  const ns = Array.from({ length: nodes }, (_, i) => node(i, { title: `Step ${i} ✓` }));
  const ls = Array.from({ length: links }, (_, i) =>
    link(i + 1, ns[i]?.id ?? '', ns[i + 1]?.id ?? ''),
  );
  return {
    name: 'Chain',
    nodes: ns,
    links: ls,
    custom_link_types: [],
    members: [OWNER],
    owner: OWNER.id,
    grants: [],
  };
}

const FILES: Record<ImportFormat, (g: ExchangeGraph) => string> = {
  json: EXPORTERS.json.write,
  graphml: EXPORTERS.graphml.write,
  canvas: exportCanvas,
  csv: exportCsvCombined,
};
const FORMATS = Object.keys(FILES) as ImportFormat[];

function importWith(format: ImportFormat, text: string, limits: Partial<ImportLimits>) {
  return importAs(format, text, { ...importContext(), limits: { ...IMPORT_LIMITS, ...limits } });
}

function refusal(format: ImportFormat, text: string, limits: Partial<ImportLimits>) {
  const r = importWith(format, text, limits);
  if (r.ok) throw new Error(`${format}: accepted over the limit`);
  return r.error;
}

describe('[F1] import limits', () => {
  it('[F1] the limits are at least 200,000 nodes, 400,000 links and 256 MiB', () => {
    expect(MAX_IMPORT_NODES).toBeGreaterThanOrEqual(200_000);
    expect(MAX_IMPORT_LINKS).toBeGreaterThanOrEqual(400_000);
    expect(MAX_IMPORT_BYTES).toBeGreaterThanOrEqual(256 * 1024 * 1024);
    expect(IMPORT_LIMITS).toEqual({
      bytes: MAX_IMPORT_BYTES,
      nodes: MAX_IMPORT_NODES,
      links: MAX_IMPORT_LINKS,
    });
  });

  for (const format of FORMATS) {
    it(`[E1] ${format}: one node over the node limit is refused naming it; at the limit it imports`, () => {
      const atLimit = FILES[format](chain(5, 0));
      const accepted = importWith(format, atLimit, { nodes: 5 });
      if (!accepted.ok) throw new Error(accepted.error.message);
      expect(accepted.value.nodes).toHaveLength(5);
      const error = refusal(format, FILES[format](chain(6, 0)), { nodes: 5 });
      expect(error.code).toBe('bad_request.import_too_large');
      expect(error.message).toMatch(/\b5\b/);
      expect(error.message).toContain('limit');
    });

    it(`[E1] ${format}: one link over the link limit is refused naming it; at the limit it imports`, () => {
      const accepted = importWith(format, FILES[format](chain(6, 4)), { links: 4 });
      if (!accepted.ok) throw new Error(accepted.error.message);
      expect(accepted.value.links).toHaveLength(4);
      const error = refusal(format, FILES[format](chain(6, 5)), { links: 4 });
      expect(error.code).toBe('bad_request.import_too_large');
      expect(error.message).toMatch(/\b4\b/);
      expect(error.message).toContain('limit');
    });

    it(`[E1] ${format}: one byte over the size limit is refused naming it; at the limit it imports`, () => {
      const text = FILES[format](chain(3, 2));
      const bytes = utf8Length(text); // the titles' ✓ makes bytes and characters differ
      expect(bytes).toBeGreaterThan(text.length);
      const accepted = importWith(format, text, { bytes });
      if (!accepted.ok) throw new Error(accepted.error.message);
      const error = refusal(format, text, { bytes: bytes - 1 });
      expect(error.code).toBe('bad_request.import_too_large');
      expect(error.message).toContain(`limit of ${bytes - 1} bytes`);
    });
  }

  it('[E1] a GraphML file over the node limit is refused as such, whatever else is wrong', () => {
    // Every node has the same id: the duplicate is met first, the limit still wins.
    const nodes = '<node id="n"/>'.repeat(1001);
    const error = refusal('graphml', `<graphml><graph>${nodes}</graph></graphml>`, {
      nodes: 1000,
    });
    expect(error).toEqual({
      code: 'bad_request.import_too_large',
      message: 'GraphML file has more than 1000 nodes, the import limit',
    });
    const malformed = refusal('graphml', `<graphml><graph>${nodes}</graph>`, { nodes: 1000 });
    expect(malformed.code).toBe('bad_request.import_too_large');
  });

  it('[E1] GraphML nodes are counted as the graph holds them, not as `<node` text', () => {
    const commented = `<!-- ${'<node id="c"/>'.repeat(10)} -->`;
    const text = `<graphml>${commented}<graph><node id="a"/><node id="b"/></graph></graphml>`;
    const accepted = importWith('graphml', text, { nodes: 2 });
    if (!accepted.ok) throw new Error(accepted.error.message);
    expect(accepted.value.nodes).toHaveLength(2);
    const over = `<graphml><graph><node id="a"/><node id="b"/><node id="c"/></graph></graphml>`;
    expect(refusal('graphml', over, { nodes: 2 })).toEqual({
      code: 'bad_request.import_too_large',
      message: 'GraphML file has more than 2 nodes, the import limit',
    });
  });

  it('[E1] a native file with more members, grants or custom link types than allowed is refused before any record is read', () => {
    const over = MAX_IMPORT_OTHER_RECORDS + 1;
    const file = JSON.parse(EXPORTERS.json.write(chain(2, 1))) as Record<string, unknown>;
    // Records that are not even objects: counted, never read.
    for (const [key, label] of [
      ['members', 'members'],
      ['grants', 'grants'],
      ['custom_link_types', 'custom link types'],
    ] as const) {
      const text = JSON.stringify({ ...file, [key]: new Array(over).fill(0) });
      expect(refusal('json', text, {})).toEqual({
        code: 'bad_request.import_too_large',
        message: `Linkgraph JSON file has ${over} ${label}; the import limit is ${MAX_IMPORT_OTHER_RECORDS}`,
      });
      const atLimit = importWith(
        'json',
        JSON.stringify({ ...file, [key]: new Array(over - 1).fill(0) }),
        {},
      );
      // At the limit the count passes and the records themselves are refused (not objects).
      expect(atLimit.ok ? '' : atLimit.error.code).not.toBe('bad_request.import_too_large');
    }
  });
});
