import { describe, expect, it } from 'vitest';
import { runCounting } from '../../shared/engine/test-support/run-steps';
import { loggedRecordSteps, loggedRecords } from './batch-rows';

describe('a team workspace’s batches read in steps (batch-rows.ts)', () => {
  const big = { genesis: { nodes: Array.from({ length: 100_000 }, (_, i) => `n${i}, é`) } };
  const rows = [
    { seq: 4, record: JSON.stringify(big) },
    { seq: '5', record: JSON.stringify({ set: { a: 1 } }) },
  ];

  it('[S1] a large row (an imported plan’s first batch) is parsed a run at a time: the same records', () => {
    const { value, yields } = runCounting(loggedRecordSteps(rows, 3));
    expect(value).toEqual([
      { seq: 4, record: big },
      { seq: 5, record: { set: { a: 1 } } },
    ]);
    expect(value).toEqual(loggedRecords(rows, 3));
    // ~1.3 MB in runs of 256 KB, and a yield after each row.
    expect(yields).toBeGreaterThanOrEqual(5 + 2);
  });

  it('[S1] a gap in the rows is refused, as before', () => {
    expect(() => loggedRecords(rows, 2)).toThrow('batch 3 is missing (found 4)');
    expect(() => runCounting(loggedRecordSteps([rows[0]!, { ...rows[1]!, seq: 6 }], 3))).toThrow(
      'batch 5 is missing (found 6)',
    );
  });
});
