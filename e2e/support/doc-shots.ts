/**
 * Where the editor's tests save the screenshots the docs show. A normal run writes them under
 * test-results/ (a test run never changes tracked files); `LINKGRAPH_DOC_SHOTS=1 npx playwright
 * test` refreshes the ones in docs/screens/ that the README references.
 */
export const docShotPath = (name: string): string =>
  process.env.LINKGRAPH_DOC_SHOTS === '1'
    ? `docs/screens/${name}.png`
    : `test-results/doc-shots/${name}.png`;
