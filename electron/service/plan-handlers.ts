/**
 * [PL2] [PL3] The planning reads: the schedule, "what's next" and the load per week, as the
 * calling member may see them (A1–A4: `visibilityFor`, trashed nodes never listed). The
 * schedule is the engine's (shared/engine/plan); this file only picks the view and the day
 * "today" is, for a plan whose calendar has no start of its own.
 */
import type { ServiceError } from '../../shared/contract/errors';
import {
  loadByWeek,
  scheduleOf,
  scheduleViewSteps,
  visibilityFor,
  whatsNext,
  type Sees,
  type WorkspaceState,
} from '../../shared/engine';
import { err, ok, type Result } from '../../shared/model/result';
import type { Caller, Handler } from './service';
import type { WorkspaceSession } from './workspace-session';

type SessionFor = (caller: Caller) => Promise<Result<WorkspaceSession, ServiceError>>;

/** Today's UTC date: where a plan without a `plan_start` begins. */
export const today = (): string => new Date().toISOString().slice(0, 10);

/** What `member` sees, for the schedule's answers: nodes by id, links as records. */
export function seesFor(state: WorkspaceState, member: string): Sees {
  const v = visibilityFor(state, member);
  return { node: (id) => v.node(id), link: (l) => v.link(l.rec) };
}

export function planHandlers(sessionFor: SessionFor): {
  'plan.schedule': Handler<'plan.schedule'>;
  'plan.next': Handler<'plan.next'>;
  'plan.load': Handler<'plan.load'>;
} {
  return {
    'plan.schedule': async (params, caller) => {
      const session = await sessionFor(caller);
      if (!session.ok) return session;
      const { state } = session.value;
      const as = params?.as ?? caller.member;
      if (as !== caller.member && caller.member !== state.ownerId) {
        return err({
          code: 'forbidden.not_allowed',
          message: 'Only the workspace owner may view the plan as another member.',
        });
      }
      if (!state.members.has(as))
        return err({ code: 'not_found.member_not_found', message: 'No such member.' });
      // In turns, with no write in between (workspace-session.ts): 100,000 nodes' view is
      // ~0.3 s of work.
      const view = await session.value.readInTurns(function* () {
        const plan = scheduleOf(state, today());
        yield;
        return yield* scheduleViewSteps(state, plan, seesFor(state, as));
      });
      return ok(view);
    },
    'plan.next': async (params, caller) => {
      const session = await sessionFor(caller);
      if (!session.ok) return session;
      const { state } = session.value;
      const plan = scheduleOf(state, today());
      return ok({ items: whatsNext(plan, params ?? {}, seesFor(state, caller.member)) });
    },
    'plan.load': async (params, caller) => {
      const session = await sessionFor(caller);
      if (!session.ok) return session;
      const { state } = session.value;
      const plan = scheduleOf(state, today());
      return ok(loadByWeek(plan, params ?? {}, seesFor(state, caller.member)));
    },
  };
}
