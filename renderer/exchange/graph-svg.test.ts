import { getBezierPath, Position } from '@xyflow/react';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  CUSTOM_TYPE,
  bigGraph,
  node,
  sampleGraph,
} from '../../shared/exchange/test-support/fixtures';
import {
  CARD_HEIGHT,
  CARD_WIDTH,
  IMAGE_PADDING,
  cardSize,
  escapeXml,
  graphSvg,
  wrapTitle,
} from './graph-svg';

const sample = sampleGraph();
const customTypes = new Map([[CUSTOM_TYPE.id, CUSTOM_TYPE]]);
const draw = (over: Partial<Parameters<typeof graphSvg>[0]> = {}) =>
  graphSvg({ nodes: sample.nodes, links: sample.links, customTypes, ...over });

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Each card group's title, its lines joined by one space, decoded. */
function cardTitles(svg: string): string[] {
  return svg
    .split('<g class="n"')
    .slice(1)
    .map((g) =>
      [...g.matchAll(/<text class="t"[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1]!)).join(' '),
    );
}

/** The links' paths: [, class, d] each. */
const pathsOf = (svg: string) => [
  ...(/<g class="l">(.*?)<\/g>/.exec(svg)?.[1] ?? '').matchAll(
    /<path class="([^"]+)" d="([^"]+)"\/>/g,
  ),
];

describe('graphSvg', () => {
  it('is well-formed XML, awkward titles and all', () => {
    const { svg } = draw();
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="1600"')).toBe(true);
    // Markup in a title is text, not elements.
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('>&lt;script&gt;alert(1)&lt;/script&gt;</text>');
    expect(svg).toContain('>&amp; &amp;lt; &amp;amp;</text>');
  });

  it('draws one card per active node, with its title, id, kind and status; none for trash', () => {
    const { svg, nodeCount } = draw();
    const active = sample.nodes.filter((n) => !n.in_trash);
    expect(nodeCount).toBe(active.length);
    expect(svg.split('<g class="n"').length - 1).toBe(active.length);
    const titles = cardTitles(svg);
    expect(titles).toEqual(active.map((n) => n.title.split(/\s+/).join(' ')));
    expect(titles).toContain('Emoji \u{1F680} ünïcødé 中文 #35; #quot; end');
    expect(svg).not.toContain('In the trash');
    expect(svg).toContain('>TKT-2</text>');
    expect(svg).toContain('>custom object</text>');
    for (const status of ['Available', 'In progress', 'Blocked', 'Completed'])
      expect(svg).toContain(`class="u" x="16" y="55">${status}</text>`);
  });

  it("draws each link as React Flow's Bézier between the handles, styled as on the canvas", () => {
    const { svg, linkCount } = draw();
    const paths = pathsOf(svg);
    // Links 5 (in trash) and 6 (to a trashed node) are left out.
    expect(linkCount).toBe(6);
    expect(paths).toHaveLength(6);
    // Link 1: node 0 ("Plain title", one line, at 0,0) → node 2 (two title lines, at 601,-300).
    const n2 = sample.nodes[2]!;
    expect(sample.nodes[0]!.position).toEqual({ x: 0, y: 0 });
    expect(n2.position).toEqual({ x: 601, y: -300 });
    expect(wrapTitle(n2.title)).toHaveLength(2);
    const [d] = getBezierPath({
      sourceX: 0 + CARD_WIDTH + 6,
      sourceY: 0 + CARD_HEIGHT / 2,
      sourcePosition: Position.Right,
      targetX: 601 - 1,
      targetY: -300 + (CARD_HEIGHT + 15) / 2,
      targetPosition: Position.Left,
    });
    expect(d).toBe('M233,33.5 C416.5,33.5 416.5,-259 600,-259');
    // Node 2 is Blocked and node 0 is not done: the plain link blocks now (red, heavy).
    expect(paths[0]![1]).toBe('p b');
    expect(paths[0]![2]).toBe(d);
    expect(paths[1]![1]).toBe('s'); // is related to: secondary
    expect(svg).toContain('<marker id="a"');
    expect(svg).toContain('.l path{fill:none;marker-end:url(#a)}');
    // Labels: the type's forward name, the custom type's own, escaped.
    expect(svg).toContain('>blocks</text>');
    expect(svg).toContain('>is parent of</text>');
    expect(svg).toContain('>reviews &quot;carefully&quot;</text>');
  });

  it('draws a backward link with the bulge React Flow gives it', () => {
    const a = node(1, { position: { x: 500, y: 0 } });
    const b = node(2, { position: { x: 0, y: 200 } });
    const { svg } = graphSvg({
      nodes: [a, b],
      links: [sample.links[0]!].map((l) => ({ ...l, source: a.id, target: b.id })),
    });
    const [d] = getBezierPath({
      sourceX: 733,
      sourceY: 33.5,
      sourcePosition: Position.Right,
      targetX: -1,
      targetY: 233.5,
      targetPosition: Position.Left,
    });
    expect(pathsOf(svg)[0]![2]).toBe(d);
    // The picture takes in the curve's bulge beyond the cards (sampled along the cubic).
    const { viewBox } = graphSvg({
      nodes: [a, b],
      links: [{ ...sample.links[0]!, source: a.id, target: b.id }],
    });
    const [x0, , x1, , x2, , x3] = d.match(/-?[\d.]+/g)!.map(Number) as number[];
    for (let t = 0; t <= 1; t += 0.01) {
      const x =
        (1 - t) ** 3 * x0! + 3 * (1 - t) ** 2 * t * x1! + 3 * (1 - t) * t * t * x2! + t ** 3 * x3!;
      expect(x).toBeGreaterThanOrEqual(viewBox.x + IMAGE_PADDING - 1e-9);
      expect(x).toBeLessThanOrEqual(viewBox.x + viewBox.width - IMAGE_PADDING + 1e-9);
    }
    expect(viewBox.x + viewBox.width - IMAGE_PADDING).toBeGreaterThan(733 + 10);
  });

  it('uses the sizes React Flow measured, and keeps the title lines that fit', () => {
    const sizes = new Map([[sample.nodes[0]!.id, { width: 240, height: 100 }]]);
    const { svg } = draw({ sizes });
    expect(svg).toContain('width="239" height="99" rx="7.5"/>');
    expect(svg.match(/<g id="f\d+">/g)).toHaveLength(
      new Set(
        sample.nodes.filter((n) => !n.in_trash).map((n) => `${n.status}:${cardSize(n).height}`),
      ).size + 1,
    );
    expect(pathsOf(svg)[0]![2]).toMatch(/^M246,50 C/); // 0 + 240 + 6, 100 / 2
    // A card measured one line high shows one line, ellipsised.
    const long = node(1, { title: 'A very long title that needs more than one line on a card' });
    const small = cardSize(long, { width: 227, height: 67 });
    expect(small.lines).toHaveLength(1);
    expect(small.lines[0]!.endsWith('…')).toBe(true);
    expect(cardSize(long).height).toBe(CARD_HEIGHT + 15 * (cardSize(long).lines.length - 1));
  });

  it('marks private links with the lock, and only them', () => {
    const { svg } = draw();
    const labels = svg.split('<g transform=').slice(1);
    const locked = labels.filter((l) => l.includes('href="#lk"'));
    expect(locked).toHaveLength(2); // links 3 and 7
    expect(locked.map((l) => /<text[^>]*>([^<]*)</.exec(l)?.[1])).toEqual([
      'is parent of',
      'is duplicate of',
    ]);
  });

  it('covers every card plus padding, and paints the theme background', () => {
    const { svg, viewBox, height } = draw({ theme: 'dark', links: [] });
    const active = sample.nodes.filter((n) => !n.in_trash);
    const minX = Math.min(...active.map((n) => n.position.x));
    const minY = Math.min(...active.map((n) => n.position.y));
    expect(viewBox.x).toBe(minX - IMAGE_PADDING);
    expect(viewBox.y).toBe(minY - IMAGE_PADDING);
    // The sample's backward link (imports, node 9 → node 0) bulges left of node 0: taken in.
    expect(draw().viewBox.x).toBeLessThan(minX - IMAGE_PADDING);
    for (const n of active) {
      const size = cardSize(n);
      expect(n.position.x + size.width).toBeLessThanOrEqual(
        viewBox.x + viewBox.width - IMAGE_PADDING,
      );
      expect(n.position.y + size.height).toBeLessThanOrEqual(
        viewBox.y + viewBox.height - IMAGE_PADDING,
      );
    }
    expect(height).toBe(Math.round((1600 * viewBox.height) / viewBox.width));
    expect(svg).toContain('fill="#15171c"/>');
    expect(svg).toContain('.k{fill:#1f2229;stroke:#363a45}');
  });

  it('[F1] a transparent picture has no background; a selection draws only its cards and the links among them', () => {
    const { svg } = draw({ transparent: true, theme: 'dark' });
    expect(svg).not.toContain('fill="#15171c"/>');
    expect(XMLValidator.validate(svg)).toBe(true);
    const active = sample.nodes.filter((n) => !n.in_trash);
    const picked = active.slice(0, 3);
    const ids = new Set(picked.map((n) => n.id));
    const among = sample.links.filter((l) => !l.in_trash && ids.has(l.source) && ids.has(l.target));
    const part = draw({ nodes: picked });
    expect(part.nodeCount).toBe(3);
    expect(part.linkCount).toBe(among.length);
    expect(cardTitles(part.svg)).toEqual(picked.map((n) => n.title));
  });

  it('escapes text for XML and drops what XML cannot hold', () => {
    expect(escapeXml(`a<b>&"c'`)).toBe("a&lt;b&gt;&amp;&quot;c'");
    expect(escapeXml('x\u0001y\uffffz\ud800!')).toBe('xyz\ufffd!');
    expect(escapeXml('\u{1F512} ok')).toBe('\u{1F512} ok');
    const hostile = node(1, { title: 'bad \u0007 char \udc00 <g>' });
    const { svg } = graphSvg({ nodes: [hostile], links: [] });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(cardTitles(svg)).toEqual(['bad char \ufffd <g>']);
  });

  it('draws an empty graph as an empty, valid picture', () => {
    const { svg, nodeCount } = graphSvg({ nodes: [], links: [] });
    expect(nodeCount).toBe(0);
    expect(XMLValidator.validate(svg)).toBe(true);
  });

  it('draws every one of 10,000 nodes and ~15,000 links (speed: npm run bench -- exchange)', () => {
    const big = bigGraph(10_000);
    const { svg, nodeCount, linkCount } = graphSvg({ nodes: big.nodes, links: big.links });
    expect(nodeCount).toBe(10_000);
    expect(linkCount).toBe(big.links.length);
    expect(cardTitles(svg).length).toBe(10_000);
  });
});
