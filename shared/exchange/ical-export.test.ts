import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { NodeRecord } from '../model/types';
import { exportIcal, foldLine } from './ical-export';
import { printable } from './text';
import { planGraph, withSchedule } from './test-support/plan-fixture';
import { PYTHON, hasIcalendar, warnIfMissing } from './test-support/tools';

const missing = warnIfMissing(
  hasIcalendar,
  `icalendar for ${PYTHON} (Debian package python3-icalendar)`,
);

interface Parsed {
  calname: string | null;
  events: {
    uid: string;
    summary: string;
    description: string;
    categories: string[];
    start: string;
    end: string;
    start_is_date: boolean;
    stamp: string;
  }[];
}

/** Python's icalendar reads the file (it refuses a malformed line) and answers its events. */
function readWithIcalendar(text: string): Parsed {
  const script = `
import sys, json, datetime, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
events = []
for e in cal.walk('VEVENT'):
    start = e.decoded('DTSTART')
    cats = e.get('CATEGORIES')
    events.append({
        'uid': str(e['UID']), 'summary': str(e['SUMMARY']), 'description': str(e['DESCRIPTION']),
        'categories': [str(c) for c in cats.cats] if cats is not None else [],
        'start': start.isoformat(), 'end': e.decoded('DTEND').isoformat(),
        'start_is_date': not isinstance(start, datetime.datetime),
        'stamp': e.decoded('DTSTAMP').isoformat(),
    })
name = cal.get('X-WR-CALNAME')
print(json.dumps({'calname': str(name) if name is not None else None, 'events': events}))
`;
  const run = spawnSync(PYTHON, ['-c', script], { input: text, encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Parsed;
}

const dayAfter = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

describe('[PL5] iCalendar export of due dates and scheduled finishes', () => {
  it.skipIf(missing)(
    '[PL5] icalendar reads an all-day event per due date and per scheduled finish, hostile titles intact',
    () => {
      const graph = withSchedule(planGraph());
      const schedule = graph.schedule;
      if (!schedule) throw new Error('no schedule');
      const parsed = readWithIcalendar(exportIcal(graph));
      const byId = new Map(graph.nodes.map((n) => [n.id, n]));
      expect(parsed.calname).toBe('Release: plan; #1');

      const expected: { uid: string; summary: string; date: string; category: string }[] = [];
      for (const s of schedule.nodes) {
        const rec = byId.get(s.id) as NodeRecord;
        const name = `${rec.display_id} ${printable(rec.title).replace(/\r\n|\r/g, '\n')}`;
        if (rec.due_date !== undefined) {
          expected.push({
            uid: `${rec.id}-due@linkgraph`,
            summary: `Due: ${name}`,
            date: rec.due_date,
            category: 'Due',
          });
        }
        expected.push({
          uid: `${rec.id}-finish@linkgraph`,
          summary: `Finish: ${name}`,
          date: s.finish,
          category: 'Scheduled finish',
        });
      }
      expect(parsed.events).toHaveLength(expected.length);
      for (const want of expected) {
        const e = parsed.events.find((x) => x.uid === want.uid);
        expect(e?.uid, want.uid).toBe(want.uid);
        expect(e?.summary).toBe(want.summary);
        expect(e?.start).toBe(want.date);
        expect(e?.end).toBe(dayAfter(want.date));
        expect(e?.start_is_date).toBe(true);
        expect(e?.categories).toEqual([want.category]);
        expect(e?.stamp).toBe('2026-01-02T03:04:05+00:00');
      }
      // The late chain end: due 11 December, scheduled to finish on the 15th.
      const ship = graph.nodes.find((n) => n.display_id === 'TASK-3') as NodeRecord;
      const finish = parsed.events.find((x) => x.uid === `${ship.id}-finish@linkgraph`);
      expect(finish?.start).toBe('2026-12-15');
      expect(finish?.description).toContain('Late by 2 working days');
      expect(finish?.description).toContain('On the critical path');
      expect(parsed.events.find((x) => x.uid === `${ship.id}-due@linkgraph`)?.start).toBe(
        '2026-12-11',
      );
      // Completed work has no events.
      const done = graph.nodes.find((n) => n.status === 3) as NodeRecord;
      expect(parsed.events.some((x) => x.uid.startsWith(done.id))).toBe(false);
      // A hostile assignee reads back inside the description.
      expect(parsed.events.some((x) => x.description.includes('Assignee: ann: #1; %% x'))).toBe(
        true,
      );
    },
  );

  it('[PL5] lines end CRLF and fold at 75 octets without splitting a character', () => {
    const text = exportIcal(withSchedule(planGraph()));
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const lines = text.slice(0, -2).split('\r\n');
    expect(lines.every((l) => !l.includes('\n') && !l.includes('\r'))).toBe(true);
    const octets = lines.map((l) => Buffer.byteLength(l, 'utf8'));
    expect(Math.max(...octets)).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true); // something was folded
    // Unfolding gives the line back, a 4-byte character across the 75th octet included.
    const long = `SUMMARY:${'x'.repeat(66)}\u{1F680}\u{1F680}${'é'.repeat(50)}`;
    const folded = foldLine(long);
    expect(folded.replace(/\r\n /g, '')).toBe(`${long}\r\n`);
    const parts = folded.slice(0, -2).split('\r\n');
    expect(parts.map((p) => Buffer.byteLength(p, 'utf8') <= 75)).toEqual(parts.map(() => true));
    expect(parts[0]).toBe(`SUMMARY:${'x'.repeat(66)}`);
  });

  it('[PL5] folding cuts where a character-by-character fold would, on any text', () => {
    // The fold as first written: a character at a time, a line break before the character
    // that would pass 75 octets.
    const reference = (line: string): string => {
      let out = '';
      let octets = 0;
      for (const ch of line) {
        const code = ch.codePointAt(0) as number;
        const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
        if (octets + size > 75) {
          out += '\r\n ';
          octets = 1;
        }
        out += ch;
        octets += size;
      }
      return `${out}\r\n`;
    };
    const char = fc.constantFrom('a', ' ', ';', 'é', 'ß', '中', '文', '\u{1F680}', '\u{1F4C5}');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 400 }), (chars) => {
        const line = chars.join('');
        expect(foldLine(line)).toBe(reference(line));
      }),
      { numRuns: 3000 },
    );
    for (let n = 0; n <= 300; n++) {
      const ascii = 'x'.repeat(n);
      expect(foldLine(ascii)).toBe(reference(ascii));
    }
  });

  it('[PL5] the same plan gives the same file: UIDs are per node, DTSTAMP its last edit', () => {
    const a = exportIcal(withSchedule(planGraph()));
    const b = exportIcal(withSchedule(planGraph()));
    expect(a).toBe(b);
    const uids = a.match(/^UID:.*$/gm) ?? [];
    expect(new Set(uids).size).toBe(uids.length);
  });

  it('[PL5] DTSTAMP is the last edit in UTC whether it was written with Z, a fraction or an offset', () => {
    const graph = withSchedule(planGraph());
    const open = graph.nodes.filter((n) => n.status !== 3 && !n.in_trash);
    const times = ['2026-03-01T01:30:00+02:00', '2026-01-02T03:04:05.999Z', '2026-12-31T23:59:59Z'];
    const want = ['20260228T233000Z', '20260102T030405Z', '20261231T235959Z'];
    open.slice(0, 3).forEach((n, i) => (n.last_edited_time = times[i] as string));
    const text = exportIcal(graph);
    open.slice(0, 3).forEach((n, i) => {
      const event = text.slice(text.indexOf(`UID:${n.id}-finish@linkgraph`));
      expect(event.slice(0, event.indexOf('END:VEVENT'))).toContain(`\r\nDTSTAMP:${want[i]}\r\n`);
    });
  });
});
