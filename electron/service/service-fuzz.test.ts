/**
 * Fuzzes every method of the service table with fast-check: arbitrary values, `__proto__`
 * and `constructor` keys, huge strings, deep nesting. Every call must answer a Result —
 * success, or a typed error — and a refused call must leave the workspace files
 * byte-identical.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/contract/method-names';
import { startService, type StartedService } from './start-service';

let started: StartedService;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'linkgraph-fuzz-'));
  started = await startService({ dataDir, mode: 'serve', version: '0.0.0-test' });
});
afterAll(() => started.hub.closeAll());

function filesOnDisk(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'workspace.lock') continue;
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else out[prefix + entry.name] = readFileSync(join(dir, entry.name)).toString('base64');
    }
  };
  walk(dataDir, '');
  return out;
}

const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value, b: [value] };
  return value;
};

/** Values that are hostile to naive code: prototype keys, huge strings, deep nesting. */
const hostile = fc.oneof(
  fc.anything(),
  fc.constant(undefined),
  fc.constant({}),
  fc.record({ title: fc.string({ maxLength: 80 }) }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "id": "x"}')),
  fc.constant(JSON.parse('{"constructor": {"prototype": {"polluted": true}}}')),
  fc.record({ title: fc.constant('x'.repeat(100_000)), source: fc.uuid(), target: fc.uuid() }),
  fc.constant(nested(2_000)),
  fc.record({ id: fc.uuid(), version: fc.integer(), status: fc.integer({ min: -5, max: 9 }) }),
  fc.dictionary(
    fc.constantFrom(
      'id',
      'source',
      'target',
      'title',
      'type',
      'private',
      'link_type',
      'as',
      'batchId',
      'format',
    ),
    fc.anything(),
  ),
);

describe('service fuzz', () => {
  it('[E1] every method answers a Result for any input; refusals write nothing', async () => {
    // The owner twice: half the calls come from someone the service knows.
    const members = [
      started.owner,
      started.owner,
      'not-a-member',
      '00000000-0000-4000-8000-000000000000',
    ];
    const outcomes = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHOD_NAMES),
        hostile,
        fc.constantFrom(...members),
        async (method, params, member) => {
          const before = filesOnDisk();
          const result = await started.service.call(method, params, { member });
          expect(typeof result.ok).toBe('boolean');
          outcomes[result.ok ? 'accepted' : 'refused']++;
          if (!result.ok) {
            expect(result.error.code).toMatch(
              /^(bad_request|unauthorized|forbidden|not_found|conflict|payload_too_large|rate_limited|internal)\.[a-z_]+$/,
            );
            expect(result.error.code.startsWith('internal.unexpected')).toBe(false);
            expect(typeof result.error.message).toBe('string');
            expect(filesOnDisk()).toEqual(before);
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: 1000, seed: 20261122 },
    );
    // The property saw both sides: calls the service took, and calls it refused.
    expect(outcomes.accepted).toBeGreaterThanOrEqual(5);
    expect(outcomes.refused).toBeGreaterThan(100);
  }, 120_000);
});
