import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportMermaid } from './mermaid-export';
import { printable } from './text';
import type { ExchangeGraph } from './types';
import { activePart } from './visible';
import { OWNER, link, node, sampleGraph } from './test-support/fixtures';
import { loadMermaidParser, mermaidText, type MermaidFlowchart } from './test-support/tools';

let parse: (text: string) => Promise<MermaidFlowchart>;
beforeAll(async () => {
  parse = await loadMermaidParser();
}, 60_000);

const STATUS = ['Available', 'InProgress', 'Blocked', 'Completed'];
const labelLines = (text: string) => mermaidText(text).split('<br>');

describe("[F2] Mermaid export parses with Mermaid's own parser", () => {
  it('[F2] every active node and link, with exact labels, classes and arrow styles', async () => {
    const graph = sampleGraph();
    const chart = await parse(exportMermaid(graph));
    const { nodes, links } = activePart(graph);

    expect(chart.vertices).toHaveLength(nodes.length);
    for (const [i, n] of nodes.entries()) {
      const v = chart.vertices.find((x) => x.id === `n${i}`);
      expect(labelLines(v?.text ?? '')).toEqual([
        `${n.display_id} \u00b7 ${n.kind}`,
        n.title.replace(/\n/g, ' '),
        STATUS[n.status],
      ]);
      expect(v?.classes).toEqual([STATUS[n.status]?.toLowerCase()]);
    }
    expect(chart.edges).toHaveLength(links.length);
    const byText = new Map(chart.edges.map((e) => [mermaidText(e.text), e]));
    expect(byText.get('is related to (secondary)')?.stroke).toBe('dotted');
    expect(byText.get('\u{1F512} is parent of')?.stroke).toBe('normal');
    expect(byText.get('reviews "carefully"')?.stroke).toBe('normal');
    expect(byText.get('')?.stroke).toBe('thick'); // the plain link that blocks right now
  });

  it('[F2] an empty workspace is a valid empty flowchart', async () => {
    const empty = { ...sampleGraph(), nodes: [], links: [] };
    const chart = await parse(exportMermaid(empty));
    expect(chart.vertices).toEqual([]);
    expect(chart.edges).toEqual([]);
  });

  it('[F2] arbitrary titles (any code points) parse and read back as themselves', async () => {
    const titles = fc.sample(fc.string({ unit: 'binary', maxLength: 40 }), {
      numRuns: 100,
      seed: 7,
    });
    titles.push(
      'end',
      'graph TD',
      '%% comment',
      'a --> b',
      '"]; click n0 call alert(1)',
      'style n0 fill:red',
    );
    const graph: ExchangeGraph = {
      nodes: titles.map((title, i) => node(i, { title })),
      links: titles
        .slice(1)
        .map((_title, i) =>
          link(i, node(i).id, node(i + 1).id, { link_type: 'custom_link', custom_link_type: 'c' }),
        ),
      custom_link_types: [
        {
          id: 'c',
          name: 'c',
          forward_name: '|"]--> x',
          backward_name: 'b',
          source_types: [],
          target_types: [],
          blocker: 'source',
          is_deprecated: false,
        },
      ],
      members: [OWNER],
      owner: OWNER.id,
      grants: [],
    };
    const chart = await parse(exportMermaid(graph));
    expect(chart.vertices).toHaveLength(titles.length);
    expect(chart.edges).toHaveLength(titles.length - 1);
    for (const [i, title] of titles.entries()) {
      const v = chart.vertices.find((x) => x.id === `n${i}`);
      expect(labelLines(v?.text ?? '')[1]).toBe(printable(title).replace(/[\r\n\t]+/g, ' '));
    }
    expect(chart.edges.every((e) => mermaidText(e.text) === '|"]--> x')).toBe(true);
  });
});
