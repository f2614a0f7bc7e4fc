// [F1] [E1] The streaming GraphML reader (saxes, xml-guard.ts): hostile and broken files are
// refused with a typed error before anything is built, and what the stream changes (no
// document tree, text read only where it is kept) reads files as the tree reader did.
import { describe, expect, it } from 'vitest';
import { exportGraphml } from './graphml-export';
import { importGraphml } from './graphml-import';
import { MAX_STRING_CHARS, MAX_XML_DEPTH } from './limits';
import { importContext, sampleGraph } from './test-support/fixtures';

const read = (text: string) => importGraphml(text, importContext());
const ok = (text: string) => {
  const r = read(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const refuse = (text: string) => {
  const r = read(text);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
};
const TITLE_KEY = '<key id="t" for="node" attr.name="title" attr.type="string"/>';
const wrap = (body: string, keys = TITLE_KEY) =>
  `<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">${keys}<graph edgedefault="directed">${body}</graph></graphml>`;

describe('[E1] GraphML streaming reader refuses hostile files', () => {
  it('[E1] billion laughs: refused at its DOCTYPE, nothing expanded', () => {
    const levels = Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`,
    ).join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${levels}]><graphml><graph><node id="&lol9;"/></graph></graphml>`;
    expect(refuse(bomb)).toMatchObject({
      code: 'bad_request.import_unsafe',
      message: expect.stringContaining('DOCTYPE') as unknown,
    });
  });

  it('[E1] a DOCTYPE with nothing in it is refused too (no DTD is read at all)', () => {
    expect(refuse(`<!DOCTYPE graphml>${wrap('<node id="a"/>')}`).code).toBe(
      'bad_request.import_unsafe',
    );
  });

  it('[E1] an external or undeclared entity without a DOCTYPE is refused as unsafe', () => {
    const error = refuse(wrap('<node id="a"><data key="t">&xxe;</data></node>'));
    expect(error.code).toBe('bad_request.import_unsafe');
    expect(error.message).toContain('only the five XML entities');
    expect(refuse(wrap('<node id="&xxe;"/>')).code).toBe('bad_request.import_unsafe');
  });

  it('[E1] an entity declaration outside a DOCTYPE is not XML', () => {
    expect(refuse(`<graphml><!ENTITY x "y"><graph/></graphml>`).code).toBe(
      'bad_request.import_malformed',
    );
  });

  it(`[E1] nesting: ${MAX_XML_DEPTH} levels are read, one more is refused`, () => {
    // graphml, graph, node, data: 4 levels, then yEd-like graphics elements inside the data.
    const nest = (levels: number) =>
      wrap(
        `<node id="a"><data key="g">${'<x>'.repeat(levels - 4)}${'</x>'.repeat(levels - 4)}</data></node>`,
        '<key id="g" for="node" yfiles.type="nodegraphics"/>',
      );
    expect(ok(nest(MAX_XML_DEPTH)).nodes).toHaveLength(1);
    const error = refuse(nest(MAX_XML_DEPTH + 1));
    expect(error.code).toBe('bad_request.import_too_deep');
    expect(error.message).toContain(String(MAX_XML_DEPTH));
  });

  it('[E1] a huge attribute or a huge value is refused, one at the limit is read', () => {
    const long = 'a'.repeat(MAX_STRING_CHARS);
    expect(ok(wrap(`<node id="a" note="${long}"/>`)).nodes).toHaveLength(1);
    const attr = refuse(wrap(`<node id="a" note="${long}b"/>`));
    expect(attr.code).toBe('bad_request.import_too_large');
    expect(attr.message).toContain('note');
    expect(ok(wrap(`<node id="a"><data key="t">${long}</data></node>`)).nodes).toHaveLength(1);
    const text = refuse(wrap(`<node id="a"><data key="t">${long}<![CDATA[b]]></data></node>`));
    expect(text.code).toBe('bad_request.import_too_large');
    expect(text.message).toContain(String(MAX_STRING_CHARS));
  });

  it('[E1] a truncated file is malformed, with the line it stops at', () => {
    const whole = exportGraphml(sampleGraph());
    for (const cut of [0.3, 0.6, 0.99]) {
      const error = refuse(whole.slice(0, Math.floor(whole.length * cut)));
      expect(error.code).toBe('bad_request.import_malformed');
      expect(error.message).toMatch(/line \d+, column \d+/);
    }
    expect(refuse('').code).toBe('bad_request.import_malformed');
  });

  it('[E1] broken XML is malformed: mismatched tags, two roots, stray text, a bad character reference', () => {
    for (const text of [
      '<graphml><graph></graphml></graph>',
      '<graphml/><graphml/>',
      'text<graphml/>',
      wrap('<node id="a"><data key="t">&#1;</data></node>'),
      wrap('<node id="a" id="b"/>'),
    ]) {
      expect(refuse(text).code).toBe('bad_request.import_malformed');
    }
  });
});

describe('[F1] GraphML streaming reader reads what the tree reader read', () => {
  it('[F1] CDATA, the five entities and character references, in one decoding pass', () => {
    const g = ok(
      wrap(
        '<node id="a"><data key="t"><![CDATA[a <b> & c]]></data></node>' +
          '<node id="b"><data key="t">x &amp;#13; y&#13;z &lt;&gt;&quot;&apos;&#x1F680;</data></node>',
      ),
    );
    expect(g.nodes.map((n) => n.title)).toEqual(['a <b> & c', 'x &#13; y\rz <>"\'\u{1F680}']);
  });

  it('[F1] edges may come before the nodes they join', () => {
    const g = ok(wrap('<edge source="a" target="b"/><node id="a"/><node id="b"/>'));
    expect(g.links).toHaveLength(1);
    expect(g.links[0]?.source).toBe(g.nodes[0]?.id);
  });

  it('[F1] indentation and elements nobody reads are skipped; keys declared after the graph are not known to it', () => {
    const spaced = wrap(
      `\n  <desc>${'x'.repeat(MAX_STRING_CHARS + 10)}</desc>\n  <node id="a">\n    <port name="p"/>\n    <data key="t">Title</data>\n  </node>\n`,
    );
    expect(ok(spaced).nodes.map((n) => n.title)).toEqual(['Title']);
    const late = `<graphml><graph><node id="a"><data key="t">x</data></node></graph>${TITLE_KEY}</graphml>`;
    expect(refuse(late).code).toBe('bad_request.import_dangling_reference');
  });

  it('[F1] a string <data> no record keeps is skipped like an element nobody reads', () => {
    const keys = `${TITLE_KEY}<key id="o" for="node" attr.name="owner" attr.type="string"/>`;
    const huge = 'x'.repeat(MAX_STRING_CHARS + 10);
    const g = ok(
      wrap(`<node id="a"><data key="o">${huge}</data><data key="t">A</data></node>`, keys),
    );
    expect(g.nodes.map((n) => n.title)).toEqual(['A']);
  });

  it('[E1] a typed <data> no record keeps is still checked against its type', () => {
    const keys = `${TITLE_KEY}<key id="w" for="node" attr.name="weight" attr.type="int"/>`;
    const error = refuse(wrap('<node id="a"><data key="w">heavy</data></node>', keys));
    expect(error.code).toBe('bad_request.import_invalid');
    expect(error.message).toContain('weight');
  });

  it('[F1] records may name their <data> keys in any order, each read as its own', () => {
    const keys = `${TITLE_KEY}<key id="k" for="node" attr.name="kind" attr.type="string"/><key id="d" for="node" attr.name="description" attr.type="string"/>`;
    const g = ok(
      wrap(
        '<node id="a"><data key="t">A</data><data key="k">task</data><data key="d">dA</data></node>' +
          '<node id="b"><data key="d">dB</data><data key="t">B</data></node>' +
          '<node id="c"><data key="k">issue</data><data key="t">C</data><data key="d">dC</data></node>' +
          '<node id="e"><data key="t">E</data><data key="k">task</data></node>',
        keys,
      ),
    );
    expect(g.nodes.map((n) => [n.title, n.kind, n.description])).toEqual([
      ['A', 'task', 'dA'],
      ['B', 'task', 'dB'],
      ['C', 'issue', 'dC'],
      ['E', 'task', ''],
    ]);
  });

  it('[F1] a 20,000-node file (the old tree reader took seconds) reads every node and edge', () => {
    const nodes = Array.from(
      { length: 20_000 },
      (_, i) => `<node id="n${i}"><data key="t">Task ${i}</data></node>`,
    ).join('\n');
    const edges = Array.from(
      { length: 19_999 },
      (_, i) => `<edge source="n${i}" target="n${i + 1}"/>`,
    ).join('\n');
    const g = ok(wrap(nodes + edges));
    expect(g.nodes).toHaveLength(20_000);
    expect(g.links).toHaveLength(19_999);
    expect(g.nodes[19_999]?.title).toBe('Task 19999');
  });
});
