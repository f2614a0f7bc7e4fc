import { describe, expect, it } from 'vitest';
import { CUSTOM_TYPE, bigGraph, sampleGraph } from '../../shared/exchange/test-support/fixtures';
import { graphScene, graphSvg } from './graph-svg';
import {
  PICTURE_CHUNK,
  PictureAssembler,
  pictureMessages,
  type PictureMessage,
  type PictureSource,
} from './picture-post';

const customTypes = new Map([[CUSTOM_TYPE.id, CUSTOM_TYPE]]);

/** Posts every message as a worker would get it (a structured clone) and assembles them. */
function roundTrip(source: PictureSource, chunk?: number) {
  const messages = [...pictureMessages(source, chunk)].map((m) => structuredClone(m));
  const assembler = new PictureAssembler();
  const answers = messages.map((m) => assembler.receive(m));
  return { messages, request: answers.at(-1), early: answers.slice(0, -1) };
}

describe('posting a picture to the worker (issue 16)', () => {
  it('[F1] sends the plan in chunks of at most PICTURE_CHUNK records, each only the fields the picture reads', () => {
    const big = bigGraph(12_000);
    const { messages } = roundTrip({ input: { nodes: big.nodes, links: big.links } });
    const nodes = messages.filter((m) => m.kind === 'nodes');
    const links = messages.filter((m) => m.kind === 'links');
    expect(messages[0]!.kind).toBe('begin');
    expect(messages.at(-1)!.kind).toBe('draw');
    expect(nodes.map((m) => m.nodes.length)).toEqual([5_000, 5_000, 2_000]);
    expect(Math.max(...links.map((m) => m.links.length))).toBe(PICTURE_CHUNK);
    expect(links.reduce((s, m) => s + m.links.length, 0)).toBe(big.links.length);
    // No description, tags, owner, times or version go over: a record has 15+ fields.
    const node = nodes[0]!.nodes[0]!;
    expect(Object.keys(node).sort()).toEqual(
      ['display_id', 'id', 'in_trash', 'kind', 'position', 'status', 'title'].sort(),
    );
    for (const m of links)
      for (const l of m.links)
        for (const key of Object.keys(l))
          expect([
            'source',
            'target',
            'link_type',
            'custom_link_type',
            'type',
            'private',
            'in_trash',
          ]).toContain(key);
    const sent = JSON.stringify(messages).length;
    expect(sent).toBeLessThan(JSON.stringify(big).length / 2);
  });

  it('[F1] the chunks put back together draw the very SVG and scene the records draw', () => {
    const sample = sampleGraph();
    const sizes = new Map([[sample.nodes[0]!.id, { width: 300, height: 120 }]]);
    for (const options of [
      { theme: 'light' as const },
      { theme: 'dark' as const, transparent: true, width: 1600 },
    ]) {
      const input = { nodes: sample.nodes, links: sample.links, customTypes, sizes, ...options };
      // A chunk of 1 record: every node and link in a message of its own.
      const { request, early } = roundTrip({ input, png: { minHeight: 400, maxHeight: 4000 } }, 1);
      expect(early.every((a) => a === null)).toBe(true);
      expect(request!.png).toEqual({ minHeight: 400, maxHeight: 4000 });
      expect(graphSvg(request!.input).svg).toBe(graphSvg(input).svg);
      const scene = graphScene(request!.input);
      const direct = graphScene(input);
      expect(scene.links).toEqual(direct.links);
      expect(scene.cards.map(({ record, ...c }) => ({ ...c, id: record.id }))).toEqual(
        direct.cards.map(({ record, ...c }) => ({ ...c, id: record.id })),
      );
    }
    // Trashed nodes, private, custom and blocking links are all in the sample.
    expect(sampleGraph().nodes.some((n) => n.in_trash)).toBe(true);
    expect(
      graphScene({ nodes: sample.nodes, links: sample.links, customTypes }).links.some(
        (l) => l.private,
      ),
    ).toBe(true);
  });

  it('[F1] a 100,000-node plan goes over in messages of a few thousand records', () => {
    const big = bigGraph(100_000);
    let biggest = 0;
    let count = 0;
    for (const m of pictureMessages({ input: { nodes: big.nodes, links: big.links } })) {
      count++;
      if (m.kind === 'nodes') biggest = Math.max(biggest, m.nodes.length);
      if (m.kind === 'links') biggest = Math.max(biggest, m.links.length);
    }
    expect(biggest).toBe(PICTURE_CHUNK);
    expect(count).toBe(2 + 100_000 / PICTURE_CHUNK + Math.ceil(big.links.length / PICTURE_CHUNK));
  });

  it('refuses a draw that arrives before its options', () => {
    const assembler = new PictureAssembler();
    expect(() => assembler.receive({ kind: 'draw' } satisfies PictureMessage)).toThrow(/options/);
  });
});
