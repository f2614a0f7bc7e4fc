import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { csvRow, guardFormula, parseCsv, unguardFormula } from './csv-format';
import { exportCsv, exportCsvCombined } from './csv-export';
import { importCsv, type CsvInput } from './csv-import';
import { MAX_CSV_COLUMNS, MAX_IMPORT_NODES, MAX_STRING_CHARS } from './limits';
import { OWNER, importContext, sampleGraph } from './test-support/fixtures';
import { TABULAR_LINK_FIELDS, TABULAR_NODE_FIELDS, project } from './test-support/compare';
import { PYTHON, warnIfMissing } from './test-support/tools';

const noPython = warnIfMissing(existsSync(PYTHON), `Python (${PYTHON}) for its csv module`);

const ok = (input: CsvInput) => {
  const result = importCsv(input, importContext());
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
const refuse = (input: CsvInput) => {
  const result = importCsv(input, importContext());
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
};

describe('CSV formula-injection guard', () => {
  it('prefixes cells a spreadsheet would run, and reading removes exactly that prefix', () => {
    for (const [text, guarded] of [
      ['=SUM(A1)', "'=SUM(A1)"],
      ['+1', "'+1"],
      ['-2+3', "'-2+3"],
      ['@cmd', "'@cmd"],
      ['\tx', "'\tx"],
      ["'=x", "''=x"],
      ["'plain", "'plain"],
      ['safe = fine', 'safe = fine'],
    ] as const) {
      expect(guardFormula(text)).toBe(guarded);
      expect(unguardFormula(guardFormula(text))).toBe(text);
    }
  });

  it('writes numbers raw, quotes what RFC 4180 requires', () => {
    expect(csvRow([-120, 'a,b', 'say "hi"', 'two\nlines', true, undefined, '=1'])).toBe(
      '-120,"a,b","say ""hi""","two\nlines",true,,\'=1\r\n',
    );
  });
});

describe('[F2] CSV export reads in a real CSV reader', () => {
  it.skipIf(noPython)("[F2] Python's csv module reads the same cells", () => {
    const { nodes } = exportCsv(sampleGraph());
    const run = spawnSync(
      PYTHON,
      [
        '-c',
        'import csv, io, json, sys; print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read(), newline="")))))',
      ],
      { input: nodes, encoding: 'utf8' },
    );
    expect(run.status).toBe(0);
    const rows = JSON.parse(run.stdout) as string[][];
    const ours = parseCsv(nodes, 'nodes', 1000);
    expect(ours.ok && ours.value).toEqual(rows);
    const title = rows[0]?.indexOf('title') ?? -1;
    expect(rows.slice(1).map((r) => unguardFormula(r[title] ?? ''))).toEqual(
      sampleGraph().nodes.map((n) => n.title),
    );
    expect(rows[4]?.[title]).toBe("'=SUM(A1:A9) formula"); // guarded in the file
  });
});

describe('[F1] CSV round trip', () => {
  const expected = project(sampleGraph(), TABULAR_NODE_FIELDS, TABULAR_LINK_FIELDS);

  it('[F1] nodes + links files: every field CSV carries comes back', () => {
    expect(project(ok(exportCsv(sampleGraph())), TABULAR_NODE_FIELDS, TABULAR_LINK_FIELDS)).toEqual(
      expected,
    );
  });

  it('[F1] one combined text: the same', () => {
    const back = ok(exportCsvCombined(sampleGraph()));
    expect(project(back, TABULAR_NODE_FIELDS, TABULAR_LINK_FIELDS)).toEqual(expected);
    expect(back.members).toEqual([OWNER]);
  });

  it('imports a hand-made sheet: any column order, names for status and type, defaults', () => {
    const g = ok({
      nodes: 'title,status,id\r\nWrite spec,InProgress,s\nBuild,,b\n',
      links: 'target,source,link_type,type\nb,s,is dependent on,\n',
    });
    expect(g.nodes.map((n) => [n.title, n.status, n.kind, n.display_id])).toEqual([
      ['Write spec', 1, 'task', 'TASK-1'],
      ['Build', 0, 'task', 'TASK-2'],
    ]);
    // [L3] is_dependent_on defaults to primary.
    expect(g.links.map((l) => [l.source, l.target, l.link_type, l.type])).toEqual([
      [g.nodes[0]?.id, g.nodes[1]?.id, 'is_dependent_on', 0],
    ]);
  });
});

describe('[N4] foreign text is fitted to the node limits', () => {
  it('[N4] shortens long titles and descriptions with an ellipsis, never splitting an emoji', () => {
    const title = 'x'.repeat(78) + '\u{1F680}\u{1F680}';
    const g = ok({ nodes: `title,description\r\n${title},${'d'.repeat(500)}\r\n` });
    expect(g.nodes[0]?.title).toBe('x'.repeat(78) + '\u2026');
    expect(g.nodes[0]?.description).toBe('d'.repeat(399) + '\u2026');
  });
});

describe('CSV import refuses hostile files', () => {
  const header = 'id,title\r\n';
  it('refuses broken quoting with its line', () => {
    const open = refuse({ nodes: `${header}a,"never closed\r\n` });
    expect(open.code).toBe('bad_request.import_malformed');
    expect(open.message).toContain('line 2');
    expect(refuse({ nodes: `${header}a,b"c\r\n` }).message).toContain('quote inside');
    expect(refuse({ nodes: `${header}a,"b"c\r\n` }).message).toContain('after a closing quote');
  });

  it('refuses rows of the wrong width, too many columns and huge cells', () => {
    expect(refuse({ nodes: `${header}a,b,c\r\n` }).message).toContain('3 cells');
    expect(refuse({ nodes: `${'c,'.repeat(MAX_CSV_COLUMNS)}c\r\n` }).code).toBe(
      'bad_request.import_too_large',
    );
    expect(refuse({ nodes: `${header}a,${'x'.repeat(MAX_STRING_CHARS + 1)}\r\n` }).code).toBe(
      'bad_request.import_too_large',
    );
  });

  it('refuses a row bomb', () => {
    const error = refuse({ nodes: header + 'a,b\n'.repeat(MAX_IMPORT_NODES + 2) });
    expect(error.code).toBe('bad_request.import_too_large');
  });

  it('refuses dangling links, duplicate ids and wrong values, naming the row', () => {
    const dangling = refuse({ nodes: `${header}a,A\r\n`, links: 'source,target\r\na,zz\r\n' });
    expect(dangling.code).toBe('bad_request.import_dangling_reference');
    expect(dangling.message).toContain('Links CSV, row 1');
    expect(refuse({ nodes: `${header}a,A\r\na,B\r\n` }).code).toBe(
      'bad_request.import_duplicate_id',
    );
    expect(refuse({ nodes: 'title,kind\r\nA,rocket\r\n' }).message).toContain('kind "rocket"');
    expect(refuse({ nodes: 'title,dependent\r\nA,maybe\r\n' }).message).toContain(
      'dependent "maybe"',
    );
    expect(refuse({ nodes: 'title,x\r\nA,left\r\n' }).message).toContain('x "left"');
    expect(refuse({ nodes: 'title,created_time\r\nA,yesterday\r\n' }).message).toContain(
      'created_time',
    );
  });

  it('refuses duplicate headers and missing required columns', () => {
    expect(refuse({ nodes: 'title,title\r\na,b\r\n' }).message).toContain('twice');
    expect(refuse({ nodes: 'name\r\na\r\n' }).message).toContain('"title" or "id"');
    expect(refuse({ nodes: `${header}a,A\r\n`, links: 'from,to\r\na,a\r\n' }).message).toContain(
      '"source"',
    );
  });

  it('treats __proto__ as an ordinary header, polluting nothing', () => {
    const g = ok({ nodes: 'title,__proto__\r\nA,"{""x"":1}"\r\n' });
    expect(g.nodes[0]?.title).toBe('A');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
