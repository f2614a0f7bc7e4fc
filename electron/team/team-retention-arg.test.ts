/**
 * [S1] How long a team server keeps request answers is set at start with
 * `--keep-request-answers DURATION` (electron/server.ts): parsed strictly, a bad value is a
 * clear error that stops the start.
 */
import { describe, expect, it } from 'vitest';
import { parseKeepRequestAnswers, REQUEST_ANSWER_RETENTION_S } from './team-retention';

describe('--keep-request-answers', () => {
  it('[S1] takes a whole number and a unit (s, m, h, d), answered in seconds', () => {
    expect(parseKeepRequestAnswers('24h')).toEqual({ ok: true, value: REQUEST_ANSWER_RETENTION_S });
    expect(parseKeepRequestAnswers('90m')).toEqual({ ok: true, value: 5400 });
    expect(parseKeepRequestAnswers('7d')).toEqual({ ok: true, value: 7 * 86_400 });
    expect(parseKeepRequestAnswers('3600s')).toEqual({ ok: true, value: 3600 });
    expect(parseKeepRequestAnswers('1m')).toEqual({ ok: true, value: 60 });
    expect(parseKeepRequestAnswers('365d')).toEqual({ ok: true, value: 365 * 86_400 });
  });

  it('[S1] refuses anything else with the reason, naming the value', () => {
    for (const bad of ['', '24', 'h', '1.5h', '-1h', '30s', '0m', '366d', '24 hours', '1w']) {
      const parsed = parseKeepRequestAnswers(bad);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.error).toContain(`got "${bad}"`);
    }
  });
});
