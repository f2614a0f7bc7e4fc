/**
 * zod schemas for the stored records of SPEC §1. They are the single definition used to
 * validate snapshots, imported files and anything else that claims to be a record.
 * (Command parameter schemas live beside the commands, in shared/engine.)
 */
import { z } from 'zod';
import { LINK_TYPES, NODE_KINDS } from './types';

/** RFC 4122 UUID (any version; ids we mint ourselves are v4). */
export const Uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'invalid UUID');
export const IsoTime = z.iso.datetime({ offset: true });

export const NodeKindSchema = z.enum(NODE_KINDS);
export const LinkTypeSchema = z.enum(LINK_TYPES);
export const NodeStatusSchema = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);
export const LinkKindSchema = z.union([z.literal(0), z.literal(1)]);
export const AccessLevelSchema = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]);
export const PositionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

/** [N4] field limits, as SynapTask checks them. */
export const NODE_LIMITS = {
  title: 80,
  description: 400,
  tags: 32,
  tag: 50,
  priorityMin: 0,
  priorityMax: 9,
} as const;

export const TitleSchema = z.string().max(NODE_LIMITS.title);
export const DescriptionSchema = z.string().max(NODE_LIMITS.description);
export const TagsSchema = z.array(z.string().max(NODE_LIMITS.tag)).max(NODE_LIMITS.tags);
export const PrioritySchema = z
  .number()
  .int()
  .min(NODE_LIMITS.priorityMin)
  .max(NODE_LIMITS.priorityMax);

/**
 * [PL1] A UTC calendar date, `YYYY-MM-DD`, that exists (no 2026-02-30), years 1900–9999.
 */
export const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is written YYYY-MM-DD')
  .refine(isRealDate, 'no such date');

function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  if (y < 1900) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** [PL1] limits of the planning fields. */
export const PLAN_LIMITS = {
  estimateMax: 100_000,
  assignees: 32,
  assignee: 254,
  holidays: 2_000,
} as const;

/** Working days of work: ≥ 0, decimals allowed. */
export const EstimateSchema = z.number().finite().min(0).max(PLAN_LIMITS.estimateMax);
/** Names or emails (SynapTask's `assignee`): no blank entry, no entry twice. */
export const AssigneeSchema = z
  .array(z.string().trim().min(1).max(PLAN_LIMITS.assignee))
  .max(PLAN_LIMITS.assignees)
  .refine((a) => new Set(a).size === a.length, 'an assignee is listed twice');

/** ISO weekday numbers, 1 Monday … 7 Sunday. */
export const WeekdaySchema = z.number().int().min(1).max(7);

/** [PL1] The workspace calendar: plan start, working days of the week, holidays. */
export const WorkCalendarSchema = z.strictObject({
  plan_start: DateSchema.optional(),
  working_days: z
    .array(WeekdaySchema)
    .min(1, 'a calendar needs at least one working day')
    .max(7)
    .refine((a) => new Set(a).size === a.length, 'a weekday is listed twice'),
  holidays: z
    .array(DateSchema)
    .max(PLAN_LIMITS.holidays)
    .refine((a) => new Set(a).size === a.length, 'a holiday is listed twice'),
});

export const NodeRecordSchema = z.strictObject({
  id: Uuid,
  display_id: z.string().min(1).max(40),
  title: TitleSchema,
  description: DescriptionSchema,
  kind: NodeKindSchema,
  status: NodeStatusSchema,
  dependent: z.boolean(),
  owner: Uuid,
  position: PositionSchema,
  tags: TagsSchema,
  priority: PrioritySchema,
  version: z.number().int().min(1),
  created_time: IsoTime,
  last_edited_time: IsoTime,
  in_trash: z.boolean(),
  due_date: DateSchema.optional(),
  start_date: DateSchema.optional(),
  estimate: EstimateSchema.optional(),
  assignee: AssigneeSchema.optional(),
});

export const LinkRecordSchema = z.strictObject({
  id: Uuid,
  display_id: z.string().min(1).max(40),
  source: Uuid,
  target: Uuid,
  link_type: LinkTypeSchema.optional(),
  custom_link_type: Uuid.optional(),
  type: LinkKindSchema,
  private: z.boolean(),
  owner: Uuid,
  was_blocker: z.boolean(),
  version: z.number().int().min(1),
  in_trash: z.boolean(),
  created_by: Uuid,
  created_time: IsoTime,
  modified_by: Uuid,
  modified_time: IsoTime,
});

export const CustomLinkTypeSchema = z.strictObject({
  id: Uuid,
  name: z.string().min(1).max(80),
  forward_name: z.string().min(1).max(80),
  backward_name: z.string().min(1).max(80),
  source_types: z.array(NodeKindSchema).max(NODE_KINDS.length),
  target_types: z.array(NodeKindSchema).max(NODE_KINDS.length),
  max_hops: z.number().int().min(1).max(1000).optional(),
  blocker: z.enum(['source', 'target']),
  is_deprecated: z.boolean(),
});

export const MemberSchema = z.strictObject({
  id: Uuid,
  username: z.string().min(1).max(80),
  email: z.email().max(254),
});

export const AccessGrantSchema = z.strictObject({
  node: Uuid,
  member: Uuid,
  level: AccessLevelSchema,
  branch: z.boolean(),
});
