// [F1] [E1] An import read as its file arrives (import-feed.ts): GraphML parsed slice by slice
// gives what the whole text gives, wherever the cuts fall, and refuses what it refuses in the
// same words; the size limit counts the slices.
import { describe, expect, it } from 'vitest';
import { exportGraphml } from './graphml-export';
import { importGraphml } from './graphml-import';
import { importFeed } from './import-feed';
import { IMPORT_LIMITS, type ImportLimits } from './limits';
import { exportNativeJson, importNativeJson } from './native-json';
import { importContext, sampleGraph } from './test-support/fixtures';
import { utf8Length } from './text';

const sliced = (text: string, size: number): string[] => {
  const slices: string[] = [];
  for (let at = 0; at < text.length; at += size) slices.push(text.slice(at, at + size));
  return slices;
};

const feedGraphml = (slices: string[], limits?: Partial<ImportLimits>, sized = false) => {
  const ctx = { ...importContext(), limits: { ...IMPORT_LIMITS, ...limits } };
  const feed = importFeed('graphml', ctx, sized);
  for (const s of slices) feed.write(s);
  return feed.end();
};
const whole = (text: string, limits?: Partial<ImportLimits>) =>
  importGraphml(text, { ...importContext(), limits: { ...IMPORT_LIMITS, ...limits } });

// Titles with entities, character references, a surrogate pair (an emoji) and CJK, a BOM first.
const GRAPHML = `\uFEFF${exportGraphml(sampleGraph())}`;
const SIZES = [1, 2, 3, 7, 64, 4096];

describe('[F1] GraphML read in slices', () => {
  it.each(SIZES)('[F1] in slices of %i characters, the same graph as the whole file', (size) => {
    const expected = whole(GRAPHML);
    expect(expected.ok).toBe(true);
    expect(feedGraphml(sliced(GRAPHML, size))).toEqual(expected);
  });

  it('[F1] empty slices change nothing, and only the first slice loses a byte-order mark', () => {
    const slices = ['', ...sliced(GRAPHML, 5).flatMap((s) => [s, ''])];
    expect(feedGraphml(slices)).toEqual(whole(GRAPHML));
    // Two marks: the first is dropped, and saxes reads the second as the whole text's parse does.
    const twice = feedGraphml(['\uFEFF', '\uFEFF', GRAPHML.slice(1)]);
    expect(twice).toEqual(whole(`\uFEFF\uFEFF${GRAPHML.slice(1)}`));
  });

  it("[E1] a malformed file is refused in the whole file's words: the same line and column", () => {
    const broken = GRAPHML.replace('</node>', '</nodes>');
    const expected = whole(broken);
    expect(expected).toMatchObject({
      ok: false,
      error: {
        code: 'bad_request.import_malformed',
        message: expect.stringMatching(/line \d+, column \d+/) as unknown,
      },
    });
    for (const size of SIZES) expect(feedGraphml(sliced(broken, size))).toEqual(expected);
  });

  it('[E1] a DOCTYPE is refused as unsafe, slice by slice too', () => {
    const hostile = GRAPHML.replace('<graphml', '<!DOCTYPE g [<!ENTITY x "y">]><graphml');
    expect(feedGraphml(sliced(hostile, 3))).toMatchObject({
      ok: false,
      error: { code: 'bad_request.import_unsafe' },
    });
  });

  it('[F1] over the node limit: refused as such, whatever the slices met first', () => {
    // A duplicate id among the first nodes, and more nodes than the limit: the count wins.
    const dup = GRAPHML.replace(/<node id="[^"]+"/g, (m, at: number) =>
      at === GRAPHML.indexOf('<node id=') ? m : '<node id="same"',
    );
    const limits = { nodes: 3 };
    const expected = whole(dup, limits);
    expect(expected).toMatchObject({ ok: false, error: { code: 'bad_request.import_too_large' } });
    expect(feedGraphml(sliced(dup, 50), limits)).toEqual(expected);
  });

  it('[E1] the size limit counts UTF-8 bytes across the slices, as for a whole text', () => {
    const bytes = utf8Length(GRAPHML.slice(1)) + 3; // with the mark, as the file's bytes
    expect(bytes).toBeGreaterThan(GRAPHML.length); // multi-byte characters in it
    expect(feedGraphml(sliced(GRAPHML, 7), { bytes }).ok).toBe(true);
    const over = feedGraphml(sliced(GRAPHML, 7), { bytes: bytes - 1 });
    expect(over).toMatchObject({ ok: false, error: { code: 'bad_request.import_too_large' } });
    // A whole text is measured without its mark (3 bytes); a file arriving, as its bytes came.
    expect(whole(GRAPHML, { bytes: bytes - 3 }).ok).toBe(true);
    expect(whole(GRAPHML, { bytes: bytes - 4 }).ok).toBe(false);
  });

  it('[E1] a file over the size limit is refused as too large even when it is malformed early', () => {
    const broken = `<graphml><oops></graphml>${' '.repeat(5000)}`;
    const r = feedGraphml(sliced(broken, 100), { bytes: 1000 });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request.import_too_large' } });
    expect(whole(broken, { bytes: 1000 })).toEqual(r);
  });

  it('[F1] bytes counted by the caller (sized) are not counted again', () => {
    expect(feedGraphml(sliced(GRAPHML, 64), { bytes: 100 }, true).ok).toBe(true);
  });
});

describe('[F1] other formats are read whole at the end', () => {
  it('[F1] native JSON in slices: the same graph', () => {
    const json = exportNativeJson(sampleGraph());
    const feed = importFeed('json', importContext());
    for (const s of sliced(json, 11)) feed.write(s);
    expect(feed.end()).toEqual(importNativeJson(json));
  });
});
