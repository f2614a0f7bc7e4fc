/**
 * [H1] The history batch: the seed-004 diff shape. Every entry holds the entity as it was
 * (`before`) and as it became (`after`); `{}` stands for "did not exist". Undo, redo,
 * rollback and journal replay all work by writing these images back, so they are complete
 * for every entity a command changed directly. Nodes whose status only the cascade changed
 * carry the short status image of the seed (`id`, `status`, `version`, `last_edited_time`).
 */
import { z } from 'zod';
import type {
  AccessGrant,
  CustomLinkType,
  LinkRecord,
  Member,
  NodeRecord,
  NodeStatus,
  WorkCalendar,
} from '../model/types';
import {
  AccessGrantSchema,
  CustomLinkTypeSchema,
  IsoTime,
  LinkRecordSchema,
  MemberSchema,
  NodeRecordSchema,
  NodeStatusSchema,
  Uuid,
  WorkCalendarSchema,
} from '../model/schemas';
import { OP_CODES, type OpCode } from './constants';

export type Empty = Record<string, never>;

/**
 * A node as history stores it. `resume_status` is the status a Blocked node returns to
 * (Available, InProgress or Completed, SPEC N2); it is present only while `status` is Blocked.
 */
export interface NodeImage extends NodeRecord {
  resume_status?: 0 | 1 | 3;
}

/** A node whose status the cascade changed (seed 004's NODE_STATUS entry). */
export interface NodeStatusImage {
  id: string;
  status: NodeStatus;
  version: number;
  last_edited_time: string;
}

export interface Entry<T> {
  op: OpCode;
  before: T | Empty;
  after: T | Empty;
}

export interface BatchActor {
  id: string;
  username: string;
  email: string;
}

export interface Batch {
  batchId: string;
  actor: BatchActor;
  ts: string;
  links: Entry<LinkRecord>[];
  nodes: Entry<NodeImage | NodeStatusImage>[];
  user: Entry<Member>[];
  access: Entry<AccessGrant>[];
  /** Local addition: custom link type definitions [C4]. */
  link_types: Entry<CustomLinkType>[];
  /**
   * Local addition [PL1]: the workspace calendar before and after (`{}`: none set). Present
   * only on batches that change it, so other batches keep their shape.
   */
  calendar?: Entry<WorkCalendar>[];
  /** Set on an undo batch: the batch it undid. */
  undoOf?: string;
  /** Set on a redo batch: the batch it re-applied. */
  redoOf?: string;
}

// The image guards live in a module without zod, so the renderer can use them cheaply.
export { isEmptyImage, isFullNodeImage } from './batch-images';

const EmptySchema = z.strictObject({});
const NodeImageSchema = NodeRecordSchema.extend({
  resume_status: z.union([z.literal(0), z.literal(1), z.literal(3)]).optional(),
});
const NodeStatusImageSchema = z.strictObject({
  id: Uuid,
  status: NodeStatusSchema,
  version: z.number().int().min(1),
  last_edited_time: IsoTime,
});
const OpSchema = z
  .number()
  .int()
  .refine((n) => (OP_CODES as readonly number[]).includes(n), 'unknown op code');

const entrySchema = <T extends z.ZodType>(image: T) =>
  z.strictObject({
    op: OpSchema,
    before: z.union([EmptySchema, image]),
    after: z.union([EmptySchema, image]),
  });

/** Shape check for a batch read back from a journal or a snapshot's history. */
export const BatchSchema = z.strictObject({
  batchId: Uuid,
  actor: z.strictObject({ id: Uuid, username: z.string(), email: z.string() }),
  ts: IsoTime,
  links: z.array(entrySchema(LinkRecordSchema)),
  nodes: z.array(entrySchema(z.union([NodeImageSchema, NodeStatusImageSchema]))),
  user: z.array(entrySchema(MemberSchema)),
  access: z.array(entrySchema(AccessGrantSchema)),
  link_types: z.array(entrySchema(CustomLinkTypeSchema)),
  calendar: z.array(entrySchema(WorkCalendarSchema)).max(1).optional(),
  undoOf: Uuid.optional(),
  redoOf: Uuid.optional(),
});
