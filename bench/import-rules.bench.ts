/**
 * The engine's link rules over a whole imported graph (`npm run bench -- import-rules`):
 * `checkGraphRules` on the shapes that make per-link walks quadratic — a long parent chain, a
 * hub, a long chain of a custom type with max_hops — and the whole import preparation of the
 * largest file an import accepts (50,000 nodes, 75,000 links). The peer, in the same run: asking
 * `checkLinkRules` about every link on its own, which is what the whole-graph check must say
 * and what it would cost without the per-type screening.
 */
import { performance } from 'node:perf_hooks';
import {
  checkGraphRules,
  fromSnapshot,
  SNAPSHOT_FORMAT,
  type WorkspaceState,
} from '../shared/engine/index';
import { checkLinkRules } from '../shared/engine/rules';
import { exportNativeJson } from '../shared/exchange/index';
import { bigGraph, link, node, OWNER, uuid } from '../shared/exchange/test-support/fixtures';
import type { ExchangeGraph } from '../shared/exchange/index';
import type { CustomLinkType, LinkRecord } from '../shared/model/types';
import { prepareImport } from '../electron/service/prepare-import';
import { median } from './support/measure';

const N = 10_000;
const RUNS = 3;
const report = (label: string, value: string): void => console.log(`${label.padEnd(60)} ${value}`);
const time = (fn: () => unknown): number => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};

const CUSTOM: CustomLinkType = {
  id: uuid(9, 'cccccccc'),
  name: 'feeds',
  forward_name: 'feeds',
  backward_name: 'is fed by',
  source_types: [],
  target_types: [],
  max_hops: 1000, // the most a custom type may declare
  blocker: 'source',
  is_deprecated: false,
};

function load(nodes: number, links: LinkRecord[]): WorkspaceState {
  const r = fromSnapshot({
    format: SNAPSHOT_FORMAT,
    version: 1,
    owner: OWNER.id,
    members: [OWNER],
    nodes: Array.from({ length: nodes }, (_, i) => node(i)),
    resume_status: {},
    links,
    link_types: [CUSTOM],
    grants: [],
    counters: {},
    history: { limit: 5000, batches: [], undone: [] },
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const id = (i: number) => uuid(100 + i);
const shapes: [string, () => WorkspaceState][] = [
  [
    `is_parent_of chain of ${N.toLocaleString('en')} links`,
    () =>
      load(
        N + 1,
        Array.from({ length: N }, (_, i) =>
          link(i, id(i), id(i + 1), { link_type: 'is_parent_of' }),
        ),
      ),
  ],
  [
    `is_parent_of hub with ${N.toLocaleString('en')} children`,
    () =>
      load(
        N + 1,
        Array.from({ length: N }, (_, i) =>
          link(i, id(0), id(i + 1), { link_type: 'is_parent_of' }),
        ),
      ),
  ],
  [
    `plain hub, ${N.toLocaleString('en')} links in and ${N.toLocaleString('en')} out`,
    () =>
      load(2 * N + 1, [
        ...Array.from({ length: N }, (_, i) => link(i, id(i + 1), id(0), { type: 1 })),
        ...Array.from({ length: N }, (_, i) => link(N + i, id(0), id(N + i + 1), { type: 1 })),
      ]),
  ],
  [
    `custom type, max_hops 1,000: ten 1,000-link chains`,
    () =>
      load(
        N + 10,
        Array.from({ length: N }, (_, i) => {
          const from = i + Math.floor(i / 1000); // a gap node after every 1,000 links
          return link(i, id(from), id(from + 1), {
            link_type: 'custom_link',
            custom_link_type: CUSTOM.id,
          });
        }),
      ),
  ],
];

/** The peer: every active link asked on its own (what checkGraphRules must agree with). */
function perLink(state: WorkspaceState): boolean {
  for (const l of state.links.values()) {
    const refused = checkLinkRules(
      state,
      {
        source: l.src,
        target: l.tgt,
        link_type: l.rec.link_type,
        custom_link_type: l.rec.custom_link_type,
        type: l.rec.type,
      },
      { ignore: new Set([l.rec.id]), isNew: false, primaryCycle: false },
    );
    if (refused) return false;
  }
  return true;
}

for (const [label, make] of shapes) {
  const state = make();
  const ours = Array.from({ length: RUNS }, () =>
    time(() => {
      if (checkGraphRules(state)) throw new Error(`${label}: refused`);
    }),
  );
  const peer = time(() => {
    if (!perLink(state)) throw new Error(`${label}: refused per link`);
  });
  report(`${label}: checkGraphRules`, `${median(ours).toFixed(1)} ms`);
  report(`  peer: checkLinkRules per link`, `${peer.toFixed(0)} ms`);
}

// The largest file an import takes, as native JSON, through the whole preparation.
const big: ExchangeGraph = bigGraph(50_000);
// Without the indentation: 50,000 indented nodes are over the 64 MiB import limit.
const content = JSON.stringify(JSON.parse(exportNativeJson(big)));
const profile = OWNER;
const whole = Array.from({ length: RUNS }, () =>
  time(() => {
    const r = prepareImport({ format: 'json', content, profile });
    if (!r.ok) throw new Error(r.error.message);
  }),
);
const bigState = load(50_000, big.links);
const rulesOnly = Array.from({ length: RUNS }, () => time(() => checkGraphRules(bigState)));
report(
  `prepareImport, native JSON, ${big.nodes.length.toLocaleString('en')} nodes / ${big.links.length.toLocaleString('en')} links`,
  `${median(whole).toFixed(0)} ms (${whole.map((x) => x.toFixed(0)).join(' / ')})`,
);
report('  of which checkGraphRules', `${median(rulesOnly).toFixed(1)} ms`);
