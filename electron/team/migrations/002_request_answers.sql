-- Exactly-once answers (docs/team-server.md, "A retried change"): a change sent with a client's
-- request key (`Idempotency-Key` on REST and /rpc, `idempotency_key` on Socket.IO) stores its
-- answer here in the same transaction as its batch, so a retry whose first answer was lost
-- (the connection dropped after COMMIT, the instance killed) is answered the first answer
-- again, by any instance, and the change is made once. Keys are per member of a workspace:
-- one member's key never answers another (nothing a member may not see reaches them).
CREATE TABLE request_answers (
  workspace text NOT NULL REFERENCES workspaces (id),
  member text NOT NULL,
  key text NOT NULL CHECK (key ~ '^[!-~]{1,255}$'),
  -- sha256 of the method and its parameters: the same key with another request is refused.
  fingerprint text NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
  -- The batch the change made, and the caller's answer (JSON text) as first sent.
  seq bigint NOT NULL,
  answer text NOT NULL,
  created_time timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace, member, key),
  FOREIGN KEY (workspace, seq) REFERENCES batches (workspace, seq)
);
