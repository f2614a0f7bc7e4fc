/**
 * [PL1] `calendar.set`: the workspace calendar (plan start, working days, holidays). The
 * workspace owner sets it, since it moves everyone's schedule; one batch (its `calendar`
 * entry), undoable like any change. Holidays are kept sorted, working days in weekday order.
 */
import type { WorkCalendar } from '../../model/types';
import { ok } from '../../model/result';
import type { ParamsOf } from '../schemas';
import { DEFAULT_WORKING_DAYS } from '../plan/work-calendar';
import { done, forbidden, type Ctx, type HandlerResult } from './context';

export function calendarSet(ctx: Ctx, p: ParamsOf<'calendar.set'>): HandlerResult {
  if (ctx.actor.id !== ctx.state.ownerId) {
    return forbidden('Only the workspace owner may change the calendar.');
  }
  const cur = ctx.state.calendar;
  const planStart = p.plan_start === undefined ? cur?.plan_start : (p.plan_start ?? undefined);
  const next: WorkCalendar = {
    ...(planStart !== undefined ? { plan_start: planStart } : {}),
    working_days: [...(p.working_days ?? cur?.working_days ?? DEFAULT_WORKING_DAYS)].sort(),
    holidays: [...(p.holidays ?? cur?.holidays ?? [])].sort(),
  };
  if (JSON.stringify(next) === JSON.stringify(cur ?? null)) return ok({ record: false });
  ctx.tx.putCalendar(next);
  return done;
}
