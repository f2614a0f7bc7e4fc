// [E1] [F1] The fast XML reader (xml-fast-scan.ts) against saxes: on every file it reads, it
// hands the handler exactly what saxes does; everything else it leaves to saxes, so every
// refusal is saxes' own. Checked on our exports, yEd-style files and thousands of mutations
// of them (broken markup, entities, control characters, CR LF, CDATA, comments, DOCTYPEs).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportGraphml } from './graphml-export';
import { importGraphml } from './graphml-import';
import { bigGraph, importContext, sampleGraph } from './test-support/fixtures';
import { fastScanXml } from './xml-fast-scan';
import { scanXmlSafely, type XmlAttrs, type XmlHandler } from './xml-guard';

/** Writes down every event; text of one element run together (readers may cut it anywhere). */
class Recorder implements XmlHandler {
  readonly events: string[] = [];
  constructor(private readonly textWanted: (depth: number) => boolean) {}
  private depth = 0;
  get wantsText(): boolean {
    return this.textWanted(this.depth);
  }
  open(name: string, attrs: XmlAttrs, depth: number): undefined {
    this.depth = depth;
    this.events.push(`open ${depth} ${name} ${JSON.stringify(Object.entries(attrs))}`);
    return undefined;
  }
  text(text: string, depth: number): void {
    const last = this.events.length - 1;
    const mark = `text ${depth} `;
    if (this.events[last]?.startsWith(mark)) this.events[last] += text;
    else this.events.push(mark + text);
  }
  close(name: string, depth: number): undefined {
    this.depth = depth - 1;
    this.events.push(`close ${depth} ${name}`);
    return undefined;
  }
}

const everywhere = () => true;
const evenDepths = (depth: number) => depth % 2 === 0;

/** Fast reader's answer, and saxes' events and verdict, on one text. */
function both(text: string, wants: (depth: number) => boolean) {
  const fast = new Recorder(wants);
  const kind = fastScanXml(text, fast).kind;
  let slow: Recorder | undefined;
  const verdict = scanXmlSafely(text, 'File', () => (slow = new Recorder(wants)), {
    saxesOnly: true,
  });
  return { kind, fast: fast.events, slow: slow?.events ?? [], saxesOk: verdict.ok };
}

const YED = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- yEd-like -->
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key attr.name="description" attr.type="string" for="node" id="d5"/>
  <graph edgedefault="directed" id="G">
    <node id="n0">
      <data key="d5"><![CDATA[multi
line & <b>]]></data>
      <data key="d6">
        <y:ShapeNode>
          <y:Geometry height="30.0" width="30.0" x="-15.5" y='42'/>
          <y:NodeLabel alignment="center" visible="true">Label &amp; &#x41;&#66;</y:NodeLabel>
        </y:ShapeNode>
      </data>
    </node>
    <node id="n1"/>
    <edge id="e0" source="n0" target="n1"><data key="d5">a	tab</data></edge>
  </graph>
</graphml>
`;

const BASES = [exportGraphml(sampleGraph()), YED];

/** Fragments that break XML or test a corner of it. */
const FRAGMENTS = [
  '<',
  '>',
  '&',
  '&amp;',
  '&lt;&gt;&quot;&apos;',
  '&#13;',
  '&#x1F680;',
  '&#0;',
  '&#xD800;',
  '&bogus;',
  '&#;',
  '"',
  "'",
  '=',
  '/',
  '/>',
  '</x>',
  '<x>',
  '<x/>',
  '<y:z a="1"/>',
  '<a b="1" b="2"/>',
  '<a b="1"c="2"/>',
  '<a b=1/>',
  '<a b/>',
  ']]>',
  '<![CDATA[x]]>',
  '<![CDATA[',
  '<!-- c -->',
  '<!-- a -- b -->',
  '<!--->',
  '<!DOCTYPE x>',
  '<?pi x?>',
  '<?xml version="1.0"?>',
  '\r\n',
  '\r',
  '\t',
  '\n',
  '\u0001',
  '\uFFFE',
  '\uD800',
  '\u{1F680}',
  'é',
  '<é/>',
  '<a é="1"/>',
  ' xmlns:q="u" q:id="p"',
  ' __proto__="x"',
  '<constructor/>',
  'text',
];

describe('[E1] [F1] the fast XML reader agrees with saxes', () => {
  it('[F1] reads our own exports and yEd-style files itself (the fast path is the common one)', () => {
    for (const text of [...BASES, exportGraphml(bigGraph(300))]) {
      for (const wants of [everywhere, evenDepths]) {
        const r = both(text, wants);
        expect(r.kind).toBe('done');
        expect(r.saxesOk).toBe(true);
        expect(r.fast).toEqual(r.slow);
      }
    }
  });

  it('[E1] on thousands of broken and unusual variants: same events as saxes, or left to saxes', () => {
    let read = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...BASES),
        fc.array(fc.tuple(fc.nat({ max: 999_999 }), fc.constantFrom(...FRAGMENTS)), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.boolean(),
        (base, edits, cut) => {
          let text = base;
          for (const [at, fragment] of edits) {
            // Half the edits land anywhere, half right after a tag (in text, where most
            // fragments keep the file well-formed).
            let i = Math.floor((at / 1e6) * text.length);
            if (cut) i = text.indexOf('>', i) + 1;
            text = text.slice(0, i) + fragment + text.slice(i);
          }
          const r = both(text, everywhere);
          if (r.kind === 'done') {
            read++;
            expect(r.saxesOk).toBe(true);
            expect(r.fast).toEqual(r.slow);
          } else {
            expect(r.kind).toBe('unsure');
          }
        },
      ),
      { numRuns: 3000 },
    );
    // Many variants stay well-formed (text, entities, comments in text): the fast reader read them.
    expect(read).toBeGreaterThan(300);
  });

  it('[F1] a file left to saxes imports exactly as one the fast reader read (same minted ids)', () => {
    // Node ids that are not UUIDs get minted ones; a processing instruction at the end sends
    // the whole file to saxes after the fast reader has minted ids for every node.
    const plain = `<graphml><key id="t" for="node" attr.name="title" attr.type="string"/><graph>${Array.from(
      { length: 50 },
      (_, i) => `<node id="n${i}"><data key="t">T${i}</data></node>`,
    ).join('')}<edge source="n0" target="n1"/></graph></graphml>`;
    const withPi = plain.replace('</graphml>', '</graphml><?pi end?>');
    const fast = importGraphml(plain, importContext());
    const slow = importGraphml(withPi, importContext());
    expect(fast.ok && slow.ok).toBe(true);
    if (!fast.ok || !slow.ok) return;
    expect(slow.value.nodes.map((n) => n.id)).toEqual(fast.value.nodes.map((n) => n.id));
    expect(slow.value.links.map((l) => [l.id, l.source, l.target])).toEqual(
      fast.value.links.map((l) => [l.id, l.source, l.target]),
    );
    expect(fast.value.nodes[0]?.id).toBe('11111111-0000-4000-8000-000000000001');
  });
});
