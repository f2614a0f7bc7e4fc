/** File names inside one workspace folder (documented in docs/store.md). */
export const SNAPSHOT = 'snapshot.json';
export const SNAPSHOT_PREV = 'snapshot.prev.json';

const JOURNAL_NAME = /^journal-(\d{6,})\.log$/;

export function journalName(generation: number): string {
  return `journal-${String(generation).padStart(6, '0')}.log`;
}

/** The generation of a journal file name, or null if the name is not a journal. */
export function journalGeneration(name: string): number | null {
  const match = JOURNAL_NAME.exec(name);
  return match?.[1] ? Number(match[1]) : null;
}
