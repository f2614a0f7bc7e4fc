// [E1] [F1] A GraphML file read in two halves (graphml-halves.ts, as the import worker does
// on two threads) gives exactly what one pass gives: the same graph, or the same refusal in
// the same words; a cut that is not clean is read again in one pass.
import { describe, expect, it } from 'vitest';
import { exportGraphml } from './graphml-export';
import { cutIn, readSecondHalf, headLength, recordStart, type HalfBatch } from './graphml-halves';
import { importGraphml } from './graphml-import';
import { GraphmlFeed } from './import-feed';
import { IMPORT_LIMITS } from './limits';
import { laidOutPlan } from './test-support/laid-out-plan';
import { importContext } from './test-support/fixtures';
import type { ImportContext } from './types';

const onePass = (text: string, ctx: ImportContext = importContext()) => importGraphml(text, ctx);

/** Reads `text` cut at the first record at or after `at` (as import-worker.ts does). */
function inHalves(text: string, at: number, ctx: ImportContext = importContext()) {
  const cutAt = recordStart(text, at);
  expect(cutAt).toBeGreaterThan(0);
  const feed = new GraphmlFeed(ctx, Infinity);
  feed.write(text.slice(0, cutAt));
  feed.keep(text.slice(cutAt)); // kept to be read again, not parsed here
  const clean = feed.cut();
  const batches: HalfBatch[] = [];
  // The other thread's ctx: the second half's reader builds nothing, so it asks for no id.
  const second = readSecondHalf(
    { ...importContext(), limits: ctx.limits ?? IMPORT_LIMITS },
    text.slice(0, headLength(text)),
    (b) => batches.push(structuredClone(b)),
  );
  // In slices, as they arrive.
  for (let i = cutAt; i < text.length; i += 997) second.write(text.slice(i, i + 997));
  const end = second.end();
  const graph = feed.endWithHalf({ batches, end });
  return { clean, end, graph, batches, merged: feed.readInHalves };
}

/**
 * A result with its new ids numbered by first appearance: a file read again after a cut that
 * was not clean takes fresh ids from the same context (random UUIDs in the app).
 */
function renumbered(result: unknown): unknown {
  const seen = new Map<string, number>();
  const json = JSON.stringify(result).replace(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
    (id) => `id-${seen.get(id) ?? seen.set(id, seen.size).size - 1}`,
  );
  return JSON.parse(json) as unknown;
}

const TITLE_KEY = '<key id="t" for="node" attr.name="title" attr.type="string"/>';
const NAME_KEY = '<key id="gn" for="graph" attr.name="name" attr.type="string"/>';
const wrap = (body: string) =>
  `<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">${TITLE_KEY}${NAME_KEY}\n<graph edgedefault="directed">\n${body}</graph>\n</graphml>\n`;
const nodes = (from: number, to: number) =>
  Array.from(
    { length: to - from },
    (_, i) => `<node id="n${from + i}"><data key="t">Task ${from + i}</data></node>\n`,
  ).join('');

describe('[E1] GraphML read in two halves', () => {
  const plan = exportGraphml(laidOutPlan(300));

  it.each([0.2, 0.5, 0.8])('[F1] our export cut at %s: the same graph as one pass', (share) => {
    const halves = inHalves(plan, Math.floor(plan.length * share));
    expect(halves.clean).toBe(true);
    expect(halves.end.ok).toBe(true);
    expect(halves.batches.length).toBeGreaterThan(0);
    expect(halves.merged).toBe(true);
    const one = onePass(plan);
    expect(one.ok).toBe(true);
    expect(halves.graph).toEqual(one);
  });

  it('[F1] edges without ids are numbered in the whole file: a dangling one is refused as in one pass', () => {
    const text = wrap(
      `${nodes(0, 40)}<edge source="n1" target="n2"/>\n${nodes(40, 80)}<edge source="n3" target="nowhere"/>\n`,
    );
    const halves = inHalves(text, text.indexOf('<node id="n60"'));
    expect(halves.clean).toBe(true);
    const one = onePass(text);
    expect(one.ok).toBe(false);
    expect(one.ok ? '' : one.error.message).toContain('edge #2');
    expect(halves.graph).toEqual(one);
  });

  it('[F1] a node id given once in each half is refused as in one pass', () => {
    const text = wrap(`${nodes(0, 50)}${nodes(10, 11)}`);
    const halves = inHalves(text, text.indexOf('<node id="n45"'));
    expect(halves.clean).toBe(true);
    expect(halves.end.ok).toBe(true);
    const one = onePass(text);
    expect(one.ok ? '' : one.error.code).toBe('bad_request.import_duplicate_id');
    expect(halves.graph).toEqual(one);
  });

  it("[F1] the graph's own data after its records (its name) is read from the second half", () => {
    const text = wrap(`${nodes(0, 30)}<data key="gn">Plan B</data>\n`);
    const halves = inHalves(text, text.indexOf('<node id="n20"'));
    expect(halves.clean).toBe(true);
    expect(halves.graph.ok && halves.graph.value.name).toBe('Plan B');
    expect(halves.graph).toEqual(onePass(text));
  });

  it('[E1] a cut inside a comment is not clean: the file is read again in one pass', () => {
    const text = wrap(`${nodes(0, 20)}<!-- ${nodes(20, 25)} -->\n${nodes(25, 40)}`);
    const halves = inHalves(text, text.indexOf('<node id="n22"'));
    expect(halves.clean).toBe(false);
    expect(halves.merged).toBe(false);
    const one = onePass(text);
    expect(one.ok && one.value.nodes.length).toBe(35);
    expect(renumbered(halves.graph)).toEqual(renumbered(one));
  });

  it('[E1] a cut inside CDATA at the graph level is not clean either', () => {
    const text = wrap(`${nodes(0, 20)}<![CDATA[ <node id="x"/> ]]>\n${nodes(20, 30)}`);
    const halves = inHalves(text, text.indexOf('<node id="x"'));
    expect(halves.clean).toBe(false);
    expect(renumbered(halves.graph)).toEqual(renumbered(onePass(text)));
  });

  it('[E1] malformed XML in the second half: the refusal names its line in the whole file', () => {
    const text = wrap(
      `${nodes(0, 40)}<node id="bad"><data key="t">x</dta></node>\n${nodes(40, 45)}`,
    );
    const halves = inHalves(text, text.indexOf('<node id="n30"'));
    expect(halves.clean).toBe(true);
    expect(halves.end.ok).toBe(false);
    const one = onePass(text);
    expect(one.ok ? '' : one.error.message).toMatch(/line 44, column/);
    expect(halves.graph).toEqual(one);
  });

  it('[E1] over the node limit only when both halves are counted: refused as in one pass', () => {
    const limits = { ...IMPORT_LIMITS, nodes: 30 };
    const text = wrap(nodes(0, 40));
    const halves = inHalves(text, text.indexOf('<node id="n20"'), { ...importContext(), limits });
    expect(halves.clean).toBe(true);
    expect(halves.end.ok).toBe(true);
    const one = onePass(text, { ...importContext(), limits });
    expect(one.ok ? '' : one.error.code).toBe('bad_request.import_too_large');
    expect(halves.graph).toEqual(one);
  });

  it('[E1] a head found inside a comment leaves the second reader outside the graph: read again', () => {
    const text = wrap(nodes(0, 30)).replace(
      '<graph edgedefault',
      '<!-- <graph> --><graph edgedefault',
    );
    const halves = inHalves(text, text.indexOf('<node id="n20"'));
    expect(halves.clean).toBe(true);
    expect(halves.end.ok).toBe(false);
    const one = onePass(text);
    expect(one.ok && one.value.nodes.length).toBe(30);
    expect(renumbered(halves.graph)).toEqual(renumbered(one));
  });

  it('finds record starts and the head only where a name ends', () => {
    expect(recordStart('<nodes/><node/>', 0)).toBe(8);
    expect(recordStart('<edgex/> <edge\tid="e"/>', 1)).toBe(9);
    expect(recordStart('<node/>', 1)).toBe(-1);
    expect(headLength('<graphml><graphs/><graph id="g">')).toBe(
      '<graphml><graphs/><graph id="g">'.length,
    );
    expect(headLength('<graphml>')).toBe(-1);
    const slices = ['<a><node/>', '<b/><nod', 'e/><edge/>'];
    expect(cutIn(slices, 0)).toEqual({ slice: 0, at: 3 });
    expect(cutIn(slices, 4)).toEqual({ slice: 2, at: 3 }); // the one cut by a boundary is passed
    expect(cutIn(slices, 30)).toBeUndefined();
  });
});
