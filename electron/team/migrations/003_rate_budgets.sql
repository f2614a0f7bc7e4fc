-- Rate limits per token shared by every instance (electron/team/team-rate-limit.ts, SPEC X3):
-- one row per token (its hash, the rate key) holding the fixed window it is in and the points
-- handed out in it. Instances take points in small leases with one UPDATE ... RETURNING, so
-- a token's budget is one however many instances its calls reach. (Numbered 003: 002 is the
-- idempotency keys' migration, request answers, made at the same time.)
CREATE TABLE rate_budgets (
  key text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  -- Points handed out in the window (never more than the budget).
  used integer NOT NULL CHECK (used >= 0),
  -- What the last lease was granted (0: the budget is spent), for its RETURNING.
  granted integer NOT NULL CHECK (granted >= 0)
);
