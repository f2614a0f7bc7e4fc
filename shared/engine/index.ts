/**
 * The link engine's public API (SPEC §1). Pure: no I/O, no clock, no randomness; ids and
 * time come from `deps`. See docs/engine.md for the decisions the SPEC leaves open.
 */
export type { WorkspaceState, NodeEntry, LinkEntry } from './state';
export {
  createWorkspace,
  toSnapshot,
  fromSnapshot,
  fromSnapshotSteps,
  WorkspaceSnapshotSchema,
  SNAPSHOT_FORMAT,
  type WorkspaceSnapshot,
  type CreateOptions,
  type LoadOptions,
} from './snapshot';
export { toStoredSnapshot, STORED_VERSION, type StoredSnapshot } from './stored-snapshot';
export { drain, RECORDS_PER_STEP, type Steps } from './steps';
export { execute } from './execute';
export { paramsError } from './params-error';
export { describeBatch, STATUS_WORDS, type Names, type NodeName } from './describe-batch';
export type { Deps } from './commands/context';
export { replayBatch, rollbackBatch } from './journal';
export {
  commandSchemas,
  COMMAND_NAMES,
  type CommandName,
  type CommandInput,
  type ParamsOf,
} from './schemas';
export {
  BatchSchema,
  isEmptyImage,
  isFullNodeImage,
  type Batch,
  type BatchActor,
  type Entry,
  type Empty,
  type NodeImage,
  type NodeStatusImage,
} from './batch';
export {
  Op,
  OP_CODES,
  LINK_TYPE_RULES,
  PLAIN_RULE,
  KIND_PREFIX,
  DEFAULT_HISTORY_LIMIT,
  ruleOf,
  type OpCode,
  type LinkTypeRule,
} from './constants';
export {
  ERROR_STATUS,
  linkError,
  reasonOf,
  toDevRevError,
  type LinkError,
  type ErrorCode,
  type ErrorExtras,
  type DevRevError,
} from './errors';
export { checkGraphRules, type GraphRuleBreak } from './graph-rules';
export { accessOf, accessMap, forcedPrivate, type Access } from './access';
export {
  linkVisible,
  privacyAllows,
  seesLink,
  visibilityFor,
  type SeesNode,
  type Visibility,
} from './visibility';
export { batchAudience, type BatchAudience } from './batch-visibility';
export {
  viewFor,
  visibleGraph,
  listLinks,
  devRevLinkType,
  DEFAULT_LINKS_PAGE,
  blockerChain,
  listTrash,
  getNode,
  getLink,
  type GraphView,
  type ListLinksQuery,
  type LinkPage,
  type BlockerChain,
  type ChainStep,
  type TrashList,
} from './queries';
/** A command as `execute` takes it (alias of CommandInput). */
export type { CommandInput as Command } from './schemas';
export {
  buildSchedule,
  refreshSchedule,
  isOpen,
  isPlanEdge,
  PlanState,
  type NodeSched,
} from './plan/schedule';
export {
  scheduleOf,
  scheduleView,
  scheduleViewSteps,
  whatsNext,
  loadByWeek,
  type Sees,
  type ScheduledNode,
  type ScheduleView,
  type NextItem,
  type NextQuery,
  type LoadQuery,
  type LoadView,
} from './plan/plan-queries';
export { WorkDays, dateOf, dayOf, weekdayOf, DEFAULT_WORKING_DAYS } from './plan/work-calendar';
