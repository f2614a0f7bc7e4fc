import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportDot } from './dot-export';
import { printable } from './text';
import type { ExchangeGraph } from './types';
import { activePart } from './visible';
import { OWNER, node, sampleGraph } from './test-support/fixtures';
import { svgGroups } from './test-support/svg';
import { DOT, hasDot, warnIfMissing } from './test-support/tools';

const missing = warnIfMissing(hasDot, `Graphviz (${DOT}, Debian package graphviz)`);

/** Runs the real Graphviz on a DOT text; fails the test on any error or warning. */
function render(dot: string): string {
  const run = spawnSync(DOT, ['-Tsvg'], { input: dot, encoding: 'utf8', timeout: 60_000 });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}

const single = (titles: string[]): ExchangeGraph => ({
  nodes: titles.map((title, i) => node(i, { title })),
  links: [],
  custom_link_types: [],
  members: [OWNER],
  owner: OWNER.id,
  grants: [],
});

describe('[F2] DOT export loads in Graphviz', () => {
  it.skipIf(missing)('[F2] dot -Tsvg draws every active node and link with its exact label', () => {
    const graph = sampleGraph();
    const groups = svgGroups(render(exportDot(graph)));
    const { nodes, links } = activePart(graph);

    const drawnNodes = groups.filter((g) => g.kind === 'node');
    expect(drawnNodes.map((g) => g.id).sort()).toEqual(nodes.map((n) => n.id).sort());
    for (const n of nodes) {
      const drawn = drawnNodes.find((g) => g.id === n.id);
      const status = ['Available', 'InProgress', 'Blocked', 'Completed'][n.status];
      expect(drawn?.lines).toEqual([
        `${n.display_id} \u00b7 ${n.kind}`,
        ...n.title.split('\n'),
        status,
      ]);
    }

    const drawnEdges = groups.filter((g) => g.kind === 'edge');
    expect(drawnEdges.map((g) => g.id).sort()).toEqual(links.map((l) => l.id).sort());
    const edge = (displayId: string) => {
      const id = graph.links.find((l) => l.display_id === displayId)?.id;
      return drawnEdges.find((g) => g.id === id);
    };
    expect(edge('LNK-1')?.lines).toEqual([]); // plain link: no caption
    expect(edge('LNK-1')?.body).toContain('stroke="#c62828"'); // blocking right now
    expect(edge('LNK-2')?.lines).toEqual(['is related to (secondary)']);
    expect(edge('LNK-2')?.body).toContain('stroke-dasharray');
    expect(edge('LNK-3')?.lines).toEqual(['\u{1F512} is parent of']);
    expect(edge('LNK-3')?.body).not.toContain('stroke-dasharray');
    expect(edge('LNK-4')?.lines).toEqual(['reviews "carefully"']); // custom type's forward name
  });

  it('leaves out trashed nodes, trashed links and links to trashed nodes', () => {
    const dot = exportDot(sampleGraph());
    const g = sampleGraph();
    for (const id of [g.nodes[10]?.id, g.links[4]?.id, g.links[5]?.id]) {
      expect(dot).not.toContain(String(id));
    }
  });

  it.skipIf(missing)('[F2] an empty workspace is a valid empty graph', () => {
    expect(svgGroups(render(exportDot(single([]))))).toEqual([]);
  });

  it.skipIf(missing)('[F2] a title cannot break out of its string', () => {
    const titles = [
      '"]; evil [label="pwned',
      'trailing backslash \\',
      '\\"; x -> y; "',
      '}\ndigraph {',
    ];
    const groups = svgGroups(render(exportDot(single(titles))));
    expect(groups.filter((g) => g.kind === 'node')).toHaveLength(titles.length);
    expect(groups.filter((g) => g.kind === 'edge')).toHaveLength(0);
    expect(groups.map((g) => g.lines[1])).toEqual(titles.map((t) => t.split('\n')[0]));
  });

  it.skipIf(missing)('[F2] arbitrary titles (any code points) render as themselves', () => {
    const titles = fc.sample(fc.string({ unit: 'binary', maxLength: 40 }), {
      numRuns: 80,
      seed: 6,
    });
    const groups = svgGroups(render(exportDot(single(titles)))).filter((g) => g.kind === 'node');
    expect(groups).toHaveLength(titles.length);
    for (const [i, title] of titles.entries()) {
      const lines = groups.find((g) => g.id === node(i).id)?.lines ?? [];
      // Graphviz draws no <text> for an empty line, so those are not compared.
      const expected = printable(title)
        .replace(/\r/g, '')
        .split('\n')
        .filter((line) => line.trim() !== '');
      expect(lines.slice(1, -1)).toEqual(expected);
    }
  });
});
