-- Team workspaces (docs/team-server.md). Portable SQL: it runs unchanged on PostgreSQL 15+
-- (through pg) and on PGlite (the embedded default).

-- The workspaces this server hosts. A deleted workspace is only marked (its batches stay:
-- data is never erased, SPEC S1).
CREATE TABLE workspaces (
  id text PRIMARY KEY,
  name text NOT NULL,
  created_time timestamptz NOT NULL DEFAULT now(),
  deleted_time timestamptz
);

-- Every change of a workspace, in order: seq 1 is the genesis record (the new workspace's
-- snapshot), then one history batch each, numbered without a gap. Append-only: a batch, once
-- committed, is never changed or removed (the trigger below refuses it), so "batches since N"
-- is always answerable (the base of offline sync, SPEC T5).
CREATE TABLE batches (
  workspace text NOT NULL REFERENCES workspaces (id),
  seq bigint NOT NULL CHECK (seq > 0),
  -- The record as the engine wrote it (JSON text, parsed by the engine, not by the database).
  record text NOT NULL,
  committed_time timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace, seq)
);

CREATE FUNCTION linkgraph_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'batches are append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER batches_append_only BEFORE UPDATE OR DELETE ON batches
  FOR EACH ROW EXECUTE FUNCTION linkgraph_refuse_change();

-- The workspace as of batch `seq`, in the engine's stored form (shared/engine/stored-snapshot.ts),
-- so opening a workspace reads one snapshot and the batches after it.
CREATE TABLE snapshots (
  workspace text NOT NULL REFERENCES workspaces (id),
  seq bigint NOT NULL CHECK (seq > 0),
  content text NOT NULL,
  written_time timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace, seq)
);

-- API tokens, as sha256 hashes only (the token itself is shown once). A token speaks for one
-- member of one workspace, or (workspace NULL) for the server's owner in every workspace.
-- Members themselves are part of each workspace's state (member.add batches).
CREATE TABLE tokens (
  hash text PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
  workspace text REFERENCES workspaces (id),
  member text NOT NULL,
  label text NOT NULL,
  created_time timestamptz NOT NULL DEFAULT now(),
  revoked_time timestamptz
);
CREATE INDEX tokens_by_member ON tokens (workspace, member);

-- Server-wide values: the owner's profile (the person who runs the server), shared by every
-- instance.
CREATE TABLE server_values (
  key text PRIMARY KEY,
  value text NOT NULL
);
