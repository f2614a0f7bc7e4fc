/**
 * A fast yes to "would the model's zod schema accept this record as it is?" for nodes and
 * links, the records a 100,000-node file holds 250,000 of. zod's generic machinery costs
 * microseconds per record (a second or more per big import); Ajv compiles a JSON Schema into
 * plain comparisons. The JSON Schema is not written here: it is zod's own rendering of the
 * schemas in shared/model/schemas.ts (`z.toJSONSchema`, input side), so the rules stay in one
 * place. It is only ever a yes-check: anything it does not accept is checked by the schema
 * itself, so every refusal is zod's, worded as before.
 *
 * A yes must mean zod accepts the record AND gives it back unchanged. Two things zod does that
 * JSON Schema cannot say are handled here, found in the schemas rather than listed by hand:
 * - an object that is not strict drops unknown keys (a change), so every object is closed;
 * - refinements (`.refine`, a date that must exist, no assignee twice) and overwrites
 *   (`.trim()`) are dropped by the rendering, so a field holding one is, when present, also
 *   checked by its own zod schema, which must give it back unchanged. These are the rare
 *   planning fields; a refinement anywhere else makes the checker say no to everything.
 * Patterns lose their flags in JSON Schema (the Uuid's `i`): that only makes the check
 * stricter, never looser. Property-tested against the schemas (record-precheck.test.ts).
 */
import Ajv, { type ValidateFunction } from 'ajv';
import { z } from 'zod';
import {
  AccessGrantSchema,
  CustomLinkTypeSchema,
  LinkRecordSchema,
  MemberSchema,
  NodeRecordSchema,
  WorkCalendarSchema,
} from '../model/schemas';
import type { LinkRecord, NodeRecord } from '../model/types';
import type { ExchangeGraph } from './types';

type Shape = Record<string, z.ZodType>;
interface Precheck {
  readonly validate: ValidateFunction;
  /** Fields checked again by their own zod schema when present (see above). */
  readonly refined: readonly (readonly [string, z.ZodType])[];
  /** A refinement the JSON Schema cannot carry sits outside any field: never say yes. */
  readonly never: boolean;
}

/** zod check kinds JSON Schema has no word for (dropped by `toJSONSchema`). */
const UNREPRESENTED_CHECKS: ReadonlySet<string> = new Set(['custom', 'overwrite']);

type Internals = {
  _zod: { def: { type: string; checks?: { _zod: { def: { check: string } } }[] } };
};
const defOf = (schema: unknown): Internals['_zod']['def'] => (schema as Internals)._zod.def;
const unrepresented = (schema: unknown): boolean =>
  (defOf(schema).checks ?? []).some((c) => UNREPRESENTED_CHECKS.has(c._zod.def.check));

/** Whether `schema` or anything inside it has a check its JSON Schema would drop. */
function holdsUnrepresented(schema: z.ZodType): boolean {
  let found = false;
  // Each field is rendered on its own: zod renders a schema used twice (due_date and
  // start_date share DateSchema) only once, so one rendering would name only one of them.
  z.toJSONSchema(schema, {
    io: 'input',
    override: ({ zodSchema }) => {
      if (unrepresented(zodSchema)) found = true;
    },
  });
  return found;
}

function compile(ajv: Ajv, schema: z.ZodObject): Precheck {
  const shape = schema.shape as Shape;
  const json = z.toJSONSchema(schema, {
    io: 'input',
    target: 'draft-07',
    override: ({ zodSchema, jsonSchema }) => {
      // zod's non-strict object strips unknown keys: the record would change.
      if (defOf(zodSchema).type === 'object') jsonSchema.additionalProperties = false;
    },
  });
  return {
    validate: ajv.compile(json),
    refined: Object.keys(shape)
      .filter((field) => holdsUnrepresented(shape[field] as z.ZodType))
      .map((field) => [field, shape[field] as z.ZodType] as const),
    never: unrepresented(schema),
  };
}

let compiled: { node: Precheck; link: Precheck } | undefined;
/** Compiled on first use (Ajv generates code; nothing is compiled by importing this module). */
function prechecks(): { node: Precheck; link: Precheck } {
  if (compiled) return compiled;
  const ajv = new Ajv({
    strict: true,
    strictNumbers: true, // NaN and ±Infinity are not numbers, as in zod
    allErrors: false,
    unicodeRegExp: false, // zod's patterns carry no `u` flag either (and run faster without)
    // The date-time pattern zod puts beside its format is what is checked.
    formats: { 'date-time': true },
  });
  compiled = { node: compile(ajv, NodeRecordSchema), link: compile(ajv, LinkRecordSchema) };
  return compiled;
}

function passes(check: Precheck, record: unknown): boolean {
  if (check.never || !check.validate(record)) return false;
  const fields = record as Record<string, unknown>;
  for (const [field, schema] of check.refined) {
    const value = fields[field];
    if (value === undefined) continue;
    const parsed = schema.safeParse(value);
    if (!parsed.success || !sameValue(parsed.data, value)) return false;
  }
  return true;
}

/** Same JSON value (the parsed field against the one given). */
function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  }
  return Object.is(a, b);
}

/** True when zod's NodeRecordSchema accepts `v` and would give it back unchanged. */
export const nodePasses = (v: unknown): v is NodeRecord => passes(prechecks().node, v);
/** True when zod's LinkRecordSchema accepts `v` and would give it back unchanged. */
export const linkPasses = (v: unknown): v is LinkRecord => passes(prechecks().link, v);

/** Every node and every link passes (the caller checks the few other records itself). */
export function recordsPass(nodes: readonly unknown[], links: readonly unknown[]): boolean {
  const { node, link } = prechecks();
  for (const n of nodes) if (!passes(node, n)) return false;
  for (const l of links) if (!passes(link, l)) return false;
  return true;
}

/**
 * True when every record of the graph is one the model's schemas accept as it is, so the
 * engine may load it without checking each record again (`fromSnapshot(…, {trusted})`; its
 * structural checks run either way). False says only "not sure": load it with the checks.
 */
export function graphRecordsPass(g: ExchangeGraph): boolean {
  return (
    recordsPass(g.nodes, g.links) &&
    g.members.every((m) => MemberSchema.safeParse(m).success) &&
    g.custom_link_types.every((t) => CustomLinkTypeSchema.safeParse(t).success) &&
    g.grants.every((a) => AccessGrantSchema.safeParse(a).success) &&
    (g.calendar === undefined || WorkCalendarSchema.safeParse(g.calendar).success)
  );
}
