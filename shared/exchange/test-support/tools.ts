/**
 * The real consumers the exports are checked against, and whether this machine has them.
 * A missing tool makes its tests skip loudly (console.warn naming it), never pass silently.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const DOT = '/usr/bin/dot';
/** Debian's python, which has python3-networkx (the pyenv python on PATH does not). */
export const PYTHON = '/usr/bin/python3';

export const hasDot = existsSync(DOT) && spawnSync(DOT, ['-V']).status === 0;
export const hasNetworkx =
  existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import networkx']).status === 0;

export function warnIfMissing(available: boolean, what: string): boolean {
  if (!available) console.warn(`SKIPPED: ${what} is not installed on this machine`);
  return !available;
}

export interface MermaidFlowchart {
  vertices: { id: string; text: string; classes: string[] }[];
  edges: { start: string; end: string; text: string; stroke: string; type: string }[];
}

/**
 * Mermaid's own flowchart parser, run in Node. The parser itself needs no DOM, but Mermaid
 * passes every label through DOMPurify, which without a window has no `sanitize`; it is
 * replaced by the identity here (sanitising is not what this check is about).
 */
export async function loadMermaidParser(): Promise<(text: string) => Promise<MermaidFlowchart>> {
  const { default: DOMPurify } = await import('dompurify');
  const purify = DOMPurify as unknown as Record<string, unknown>;
  if (typeof purify.sanitize !== 'function') {
    purify.sanitize = (text: string) => text;
    purify.addHook = () => undefined;
  }
  const { default: mermaid } = await import('mermaid');
  return async (text: string) => {
    await mermaid.parse(text); // throws on a syntax error
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db as unknown as {
      getVertices(): Map<string, { id: string; text: string; classes: string[] }>;
      getEdges(): { start: string; end: string; text: string; stroke: string; type: string }[];
    };
    return { vertices: [...db.getVertices().values()], edges: db.getEdges() };
  };
}

/** Mermaid keeps entity codes as placeholders in its model; this turns them into text. */
export function mermaidText(label: string): string {
  return (
    label
      .replace(/\uFB02\u00B0\u00B0/g, '&#')
      .replace(/\uFB02\u00B0/g, '&')
      .replace(/\u00B6\u00DF/g, ';')
      // One pass, as the browser decodes the label's HTML once.
      .replace(/&(#\d+|quot|lt|gt|amp);/g, (_, ref: string) =>
        ref.startsWith('#')
          ? String.fromCodePoint(Number(ref.slice(1)))
          : (({ quot: '"', lt: '<', gt: '>', amp: '&' } as Record<string, string>)[ref] ?? ''),
      )
  );
}

export interface MermaidGantt {
  title: string;
  sections: string[];
  excludes: string[];
  tasks: {
    id: string;
    task: string;
    section: string;
    /** Local calendar days, as Mermaid parsed them (`YYYY-MM-DD`); `end` is exclusive. */
    start: string;
    end: string;
    crit: boolean;
    done: boolean;
    active: boolean;
    milestone: boolean;
  }[];
}

const localDay = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Mermaid's own gantt parser and model (ganttDb), loaded as for the flowchart. */
export async function loadMermaidGantt(): Promise<(text: string) => Promise<MermaidGantt>> {
  await loadMermaidParser();
  const { default: mermaid } = await import('mermaid');
  return async (text: string) => {
    await mermaid.parse(text); // throws on a syntax error
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db as unknown as {
      getDiagramTitle(): string;
      getSections(): string[];
      getExcludes(): string[];
      getTasks(): {
        id: string;
        task: string;
        section: string;
        startTime: Date;
        endTime: Date;
        crit?: boolean;
        done?: boolean;
        active?: boolean;
        milestone?: boolean;
      }[];
    };
    return {
      title: db.getDiagramTitle(),
      sections: db.getSections(),
      excludes: db.getExcludes(),
      tasks: db.getTasks().map((t) => ({
        id: t.id,
        task: t.task,
        section: t.section,
        start: localDay(t.startTime),
        end: localDay(t.endTime),
        crit: t.crit === true,
        done: t.done === true,
        active: t.active === true,
        milestone: t.milestone === true,
      })),
    };
  };
}

/** Debian's python with python3-icalendar (the .ics export's consumer). */
export const hasIcalendar =
  existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import icalendar']).status === 0;
