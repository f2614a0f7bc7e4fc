/**
 * The data model of SPEC §1: nodes, links, link types, members and access grants.
 * Field names follow the SPEC (snake_case, as DevRev and SynapTask publish them).
 */

/** [N1] The DevRev endpoint kinds the app offers. */
export const NODE_KINDS = [
  'issue',
  'ticket',
  'task',
  'opportunity',
  'product',
  'capability',
  'feature',
  'enhancement',
  'account',
  'user',
  'custom_object',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/**
 * [X5] What a DevRev client may name in links.list `object_types`: our node kinds plus
 * DevRev's link-endpoint-type enum (public and beta). A DevRev type we have no node kind for
 * (`article`, `dev_user`, ...) is valid and simply matches nothing.
 */
export const LINK_ENDPOINT_TYPES = [
  ...NODE_KINDS,
  'article',
  'code_change',
  'conversation',
  'dev_user',
  'incident',
  'linkable',
  'meeting',
  'rev_org',
  'rev_user',
  'runnable',
  'widget',
] as const;

/** [P2] Kinds that are DevRev "parts". */
export const PART_KINDS: readonly NodeKind[] = ['product', 'capability', 'feature', 'enhancement'];

/** [N2] Node status codes. Blocked (2) is derived, never set by hand. */
export const NodeStatus = { Available: 0, InProgress: 1, Blocked: 2, Completed: 3 } as const;
export type NodeStatus = (typeof NodeStatus)[keyof typeof NodeStatus];

export interface Position {
  x: number;
  y: number;
}

export interface NodeRecord {
  id: string;
  display_id: string;
  title: string;
  description: string;
  kind: NodeKind;
  status: NodeStatus;
  dependent: boolean;
  owner: string;
  position: Position;
  tags: string[];
  priority: number;
  version: number;
  created_time: string;
  last_edited_time: string;
  in_trash: boolean;
  /** [PL1] Planning fields, absent when not set ("none"); see docs/planning.md. */
  /** UTC date (`YYYY-MM-DD`) the node is due (SynapTask's `dueDate`). */
  due_date?: string;
  /** UTC date (`YYYY-MM-DD`) before which the work cannot start. */
  start_date?: string;
  /** Working days of work (decimals allowed, ≥ 0). */
  estimate?: number;
  /** Who does it: names or emails (SynapTask's `assignee`). */
  assignee?: string[];
}

/** The node fields of [PL1], in record (schema) order. */
export const PLANNING_FIELDS = ['due_date', 'start_date', 'estimate', 'assignee'] as const;
export type PlanningField = (typeof PLANNING_FIELDS)[number];

/**
 * [PL1] The workspace calendar. `plan_start` absent: the plan starts on the day the schedule
 * is asked for (see docs/planning.md). Weekdays are ISO numbers: 1 Monday … 7 Sunday.
 */
export interface WorkCalendar {
  plan_start?: string;
  working_days: number[];
  holidays: string[];
}

/** The DevRev link type enum. */
export const LINK_TYPES = [
  'custom_link',
  'developed_with',
  'imports',
  'is_analyzed_by',
  'is_converted_to',
  'is_dependent_on',
  'is_duplicate_of',
  'is_follow_up_of',
  'is_merged_into',
  'is_parent_of',
  'is_part_of',
  'is_related_to',
  'serves',
] as const;
export type LinkType = (typeof LINK_TYPES)[number];

/** Link `type`: 0 primary (blocking), 1 secondary (non-blocking). */
export const LinkKind = { Primary: 0, Secondary: 1 } as const;
export type LinkKind = (typeof LinkKind)[keyof typeof LinkKind];

export interface LinkRecord {
  id: string;
  display_id: string;
  source: string;
  target: string;
  /** [L1] Absent for a plain SynapTask dependency link. */
  link_type?: LinkType;
  custom_link_type?: string;
  type: LinkKind;
  private: boolean;
  owner: string;
  was_blocker: boolean;
  version: number;
  in_trash: boolean;
  created_by: string;
  created_time: string;
  modified_by: string;
  modified_time: string;
}

/** [C4] A workspace-defined link type. */
export interface CustomLinkType {
  id: string;
  name: string;
  forward_name: string;
  backward_name: string;
  source_types: NodeKind[];
  target_types: NodeKind[];
  max_hops?: number;
  blocker: 'source' | 'target';
  is_deprecated: boolean;
}

export interface Member {
  id: string;
  username: string;
  email: string;
}

/** Access levels of the SynapTask ACL; lower is more privileged. */
export const AccessLevel = { Owner: 0, Admin: 1, Editor: 2, Viewer: 3 } as const;
export type AccessLevel = (typeof AccessLevel)[keyof typeof AccessLevel];

export interface AccessGrant {
  node: string;
  member: string;
  level: AccessLevel;
  branch: boolean;
}
