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
