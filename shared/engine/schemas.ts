/**
 * Parameter schemas of every command: the single definition every transport (IPC, REST,
 * Socket.IO, DevRev) validates with. `execute` validates again, so a command can never run
 * on unchecked input.
 */
import { z } from 'zod';
import {
  AccessLevelSchema,
  AssigneeSchema,
  DateSchema,
  DescriptionSchema,
  EstimateSchema,
  LinkKindSchema,
  LinkTypeSchema,
  MemberSchema,
  NodeKindSchema,
  NodeStatusSchema,
  PositionSchema,
  PrioritySchema,
  TagsSchema,
  TitleSchema,
  Uuid,
  WorkCalendarSchema,
} from '../model/schemas';

const Id = z.strictObject({ id: Uuid });

/**
 * [PL1] The planning fields of a node. On an update `null` clears a field (absent = none);
 * an empty assignee list clears it too.
 */
function planningFields<N extends boolean>(nullable: N) {
  const f = <T extends z.ZodType>(t: T) => (nullable ? t.nullable() : t).optional();
  return {
    due_date: f(DateSchema),
    start_date: f(DateSchema),
    estimate: f(EstimateSchema),
    assignee: f(AssigneeSchema),
  } as {
    due_date: z.ZodOptional<N extends true ? z.ZodNullable<typeof DateSchema> : typeof DateSchema>;
    start_date: z.ZodOptional<
      N extends true ? z.ZodNullable<typeof DateSchema> : typeof DateSchema
    >;
    estimate: z.ZodOptional<
      N extends true ? z.ZodNullable<typeof EstimateSchema> : typeof EstimateSchema
    >;
    assignee: z.ZodOptional<
      N extends true ? z.ZodNullable<typeof AssigneeSchema> : typeof AssigneeSchema
    >;
  };
}

const Name = z.string().trim().min(1).max(80);

export const NodeCreateParams = z.strictObject({
  title: TitleSchema.default(''),
  description: DescriptionSchema.optional(),
  kind: NodeKindSchema.optional(),
  status: NodeStatusSchema.optional(),
  dependent: z.boolean().optional(),
  position: PositionSchema.optional(),
  tags: TagsSchema.optional(),
  priority: PrioritySchema.optional(),
  /** The new node is linked under this node (a plain link from the new node to it). */
  target: Uuid.optional(),
  ...planningFields(false),
});

export const NodeUpdateParams = z.strictObject({
  id: Uuid,
  /** Optimistic guard: refused with conflict.version_conflict unless it is the current one. */
  version: z.number().int().min(1).optional(),
  title: TitleSchema.optional(),
  description: DescriptionSchema.optional(),
  /** [C4] refused when an active custom-type link of the node would not allow the new kind. */
  kind: NodeKindSchema.optional(),
  status: NodeStatusSchema.optional(),
  dependent: z.boolean().optional(),
  position: PositionSchema.optional(),
  tags: TagsSchema.optional(),
  priority: PrioritySchema.optional(),
  ...planningFields(true),
});

/** Moves several nodes as one change (auto-layout, dragging a selection): one batch, one undo step. */
export const NodeMoveParams = z.strictObject({
  moves: z
    .array(z.strictObject({ id: Uuid, position: PositionSchema }))
    .min(1)
    .max(10_000),
});

/** Several elements at once: no element twice (refused by the command, naming it). */
const Ids = z.array(Uuid).min(1).max(10_000);

/**
 * [H1] [H2] One change to several nodes: one batch, one undo step, all or nothing. Each node
 * goes through node.update with the fields below (tags: its own tags plus `tags_add` minus
 * `tags_remove`), so every field keeps its own limits and refusals [N4].
 */
export const NodesUpdateParams = z.strictObject({
  ids: Ids,
  patch: z
    .strictObject({
      kind: NodeKindSchema.optional(),
      status: NodeStatusSchema.optional(),
      dependent: z.boolean().optional(),
      priority: PrioritySchema.optional(),
      tags_add: TagsSchema.optional(),
      tags_remove: TagsSchema.optional(),
      ...planningFields(true),
    })
    .refine((p) => Object.values(p).some((v) => v !== undefined), 'patch changes nothing'),
});

/** Nodes and links chosen together (a selection), for trash, restore and purge. */
export const SelectionParams = z
  .strictObject({ nodes: Ids.optional(), links: Ids.optional() })
  .refine((p) => p.nodes !== undefined || p.links !== undefined, 'nodes or links is required');

/**
 * Copies of nodes and of the links among them (copy / paste / duplicate), placed `offset` away.
 * The batch's NODE_ADD entries come in the order of `ids`.
 */
export const NodesDuplicateParams = z.strictObject({
  ids: Ids,
  offset: PositionSchema.default({ x: 40, y: 40 }),
});

export const LinkCreateParams = z.strictObject({
  source: Uuid,
  target: Uuid,
  type: LinkKindSchema.optional(),
  private: z.boolean().optional(),
  link_type: LinkTypeSchema.optional(),
  custom_link_type: Uuid.optional(),
});

export const LinkUpdateParams = z.strictObject({
  id: Uuid,
  version: z.number().int().min(1).optional(),
  type: LinkKindSchema.optional(),
  private: z.boolean().optional(),
});

export const LinkReplaceParams = z.strictObject({
  id: Uuid,
  source: Uuid,
  target: Uuid,
  link_type: LinkTypeSchema.optional(),
  custom_link_type: Uuid.optional(),
});

export const LinkTypeCreateParams = z.strictObject({
  name: Name,
  forward_name: Name,
  backward_name: Name,
  source_types: z.array(NodeKindSchema).max(11).default([]),
  target_types: z.array(NodeKindSchema).max(11).default([]),
  max_hops: z.number().int().min(1).max(1000).optional(),
  blocker: z.enum(['source', 'target']).default('source'),
});

export const LinkTypeUpdateParams = z.strictObject({
  id: Uuid,
  name: Name.optional(),
  forward_name: Name.optional(),
  backward_name: Name.optional(),
  is_deprecated: z.boolean().optional(),
});

/**
 * `id` fixes the new member's id (refused if taken), so the service can bind an API token
 * to the member before the member exists (docs/tokens.md); otherwise the engine makes one.
 */
export const MemberAddParams = MemberSchema.pick({ username: true, email: true }).extend({
  id: MemberSchema.shape.id.optional(),
});

/** The member is named by id or by email (the SynapTask API uses email). */
const MemberRef = {
  member: Uuid.optional(),
  email: z.email().max(254).optional(),
};
const hasMember = (p: { member?: string | undefined; email?: string | undefined }) =>
  p.member !== undefined || p.email !== undefined;

export const AccessGrantParams = z
  .strictObject({
    node: Uuid,
    ...MemberRef,
    /** Grants give admin, editor or viewer; owner (0) belongs to the node's owner alone. */
    level: AccessLevelSchema.refine((l) => l !== 0, 'a grant cannot make an owner').default(3),
    branch: z.boolean().default(true),
  })
  .refine(hasMember, 'member or email is required');

export const AccessRevokeParams = z
  .strictObject({ node: Uuid, ...MemberRef })
  .refine(hasMember, 'member or email is required');

export const HistoryParams = z.strictObject({ batchId: Uuid });

/**
 * [PL1] Sets the workspace calendar: the fields given replace the current ones (holidays as a
 * whole list); `plan_start: null` goes back to "the plan starts today". One batch, undoable.
 */
export const CalendarSetParams = z
  .strictObject({
    plan_start: DateSchema.nullable().optional(),
    working_days: WorkCalendarSchema.shape.working_days.optional(),
    holidays: WorkCalendarSchema.shape.holidays.optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), 'nothing to set');

/** Command name → params schema. */
export const commandSchemas = {
  'node.create': NodeCreateParams,
  'node.update': NodeUpdateParams,
  'node.move': NodeMoveParams,
  'node.trash': Id,
  'node.restore': Id,
  'node.purge': Id,
  'nodes.update': NodesUpdateParams,
  'nodes.duplicate': NodesDuplicateParams,
  'selection.trash': SelectionParams,
  'selection.restore': SelectionParams,
  'selection.purge': SelectionParams,
  'link.create': LinkCreateParams,
  'link.update': LinkUpdateParams,
  'link.swap': Id,
  'link.trash': Id,
  'link.restore': Id,
  'link.purge': Id,
  'link.replace': LinkReplaceParams,
  'trash.empty': z.strictObject({}),
  'link_type.create': LinkTypeCreateParams,
  'link_type.update': LinkTypeUpdateParams,
  'member.add': MemberAddParams,
  'access.grant': AccessGrantParams,
  'access.revoke': AccessRevokeParams,
  'history.undo': HistoryParams,
  'history.redo': HistoryParams,
  'calendar.set': CalendarSetParams,
} as const;

export type CommandName = keyof typeof commandSchemas;
export const COMMAND_NAMES = Object.keys(commandSchemas) as CommandName[];

/** What a caller sends: params before defaults are applied. */
export type CommandInput = {
  [K in CommandName]: { name: K; params: z.input<(typeof commandSchemas)[K]> };
}[CommandName];

/** Params after validation (defaults applied). */
export type ParamsOf<K extends CommandName> = z.output<(typeof commandSchemas)[K]>;
