// Runs Doyensec's electronegativity (static checks against Electron's security checklist) on
// electron/ and fails on HIGH-severity findings. electronegativity's CLI always exits 0, and
// its report files cannot be trusted for this (1.10.3 writes the CSV header and rows with two
// racing async writes, so rows get overwritten; its SARIF has no severity), so this calls its
// documented programmatic API, which answers every finding with its severity. Any HIGH
// finding, or any file it could not parse (an unchecked file is not a passed one), fails.
//
//   node scripts/electronegativity.mjs [DIR]        (part of `npm test`)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const target = resolve(process.argv[2] ?? 'electron');

function fail(message) {
  console.error(`electronegativity: ${message}`);
  process.exit(1);
}

let run;
try {
  const loaded = require('@doyensec/electronegativity');
  run = loaded.default ?? loaded;
} catch {
  fail('not installed; run "npm install -D @doyensec/electronegativity".');
}
// Checks depend on the Electron version's defaults; without one it guesses v0.1.0.
const electronVersion = JSON.parse(
  readFileSync(require.resolve('electron/package.json'), 'utf8'),
).version;

// It logs progress and locale warnings through console.log; keep our output to the verdict.
const log = console.log;
console.log = () => {};
let result;
try {
  result = await run(
    {
      input: target,
      isSarif: false,
      customScan: [],
      excludeFromScan: [],
      severitySet: 'informational',
      confidenceSet: 'tentative',
      isRelative: true,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
} catch (error) {
  console.log = log;
  fail(`failed to run: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  console.log = log;
}

const where = (issue) =>
  `${issue.file === 'N/A' ? '(global)' : issue.file}:${issue.location?.line ?? 0}:${issue.location?.column ?? 0}`;
const issues = result?.issues ?? [];
const high = issues.filter((i) => ['HIGH', 'CRITICAL'].includes(i.severity?.name));
const parseErrors = (result?.errors ?? []).filter((e) => !e.tolerable);

console.log(
  `electronegativity ${relative(process.cwd(), target) || '.'}/ (Electron ${electronVersion}): ` +
    `${high.length} high, ${issues.length - high.length} lower-severity finding(s), ` +
    `${parseErrors.length} unparsed file(s).`,
);
for (const i of issues.filter((x) => !high.includes(x)))
  console.log(`  ${i.severity?.name} ${i.id} ${where(i)}`);
for (const i of high) console.error(`  ${i.severity.name} ${i.id} ${where(i)} — ${i.description}`);
for (const e of parseErrors) console.error(`  could not parse ${e.file}: ${e.message}`);
process.exit(high.length > 0 || parseErrors.length > 0 ? 1 : 0);
