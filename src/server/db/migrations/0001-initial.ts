import type { Migration } from '../migrate';

/**
 * Users, devices and tokens; replicated documents with the server's own columns; visibility
 * revocations; the append-only audit trail.
 */
export const m0001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE users (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL DEFAULT '',
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'manager', 'clerk', 'rep', 'service')),
  team_id text NOT NULL DEFAULT '',
  disabled boolean NOT NULL DEFAULT false,
  scope_id bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every (role, team) a user has had: checkpoints name the scope they were taken under.
CREATE TABLE user_scopes (
  id bigserial PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  role text NOT NULL,
  team_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX user_scopes_user ON user_scopes (user_id);

CREATE TABLE devices (
  id text PRIMARY KEY,
  name text NOT NULL DEFAULT '',
  last_user_id text REFERENCES users (id),
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

-- Only the SHA-256 of a token is stored.
CREATE TABLE tokens (
  hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  device_id text NOT NULL REFERENCES devices (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_used_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX tokens_user ON tokens (user_id);
CREATE INDEX tokens_device ON tokens (device_id);

-- Sign-in attempts per key ('user:alice', 'addr:10.0.0.5'), for the rate limit.
CREATE TABLE login_attempts (
  id bigserial PRIMARY KEY,
  key text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_key_at ON login_attempts (key, at);

-- The last sequence handed out per collection. Its row lock, held from handing out to commit,
-- makes sequence order equal commit order: a pull never passes a change still in flight.
CREATE TABLE seq_counters (
  collection text PRIMARY KEY,
  value bigint NOT NULL DEFAULT 0
);

-- The client's document as written, plus the server's columns. json, not jsonb: the text is
-- kept as received (key order included) and goes out again without being re-serialized.
CREATE TABLE docs (
  collection text NOT NULL,
  id text NOT NULL,
  seq bigint NOT NULL,
  deleted boolean NOT NULL,
  doc json NOT NULL,
  owner_id text,
  team_id text,
  customer_id text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (collection, id)
);
CREATE UNIQUE INDEX docs_collection_seq ON docs (collection, seq);
CREATE INDEX docs_customer ON docs (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX docs_attachment_sha ON docs ((doc ->> 'sha256')) WHERE collection = 'attachments';

-- A document left the sight of (owner_id, team_id): those users get it as deleted. The
-- snapshot is the last version they were entitled to see.
CREATE TABLE revocations (
  collection text NOT NULL,
  seq bigint NOT NULL,
  doc_id text NOT NULL,
  owner_id text,
  team_id text,
  snapshot json NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (collection, seq)
);

CREATE TABLE audit (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  collection text NOT NULL,
  doc_id text NOT NULL,
  user_id text NOT NULL,
  device_id text NOT NULL,
  before jsonb,
  after jsonb NOT NULL
);
CREATE INDEX audit_doc ON audit (collection, doc_id, id);

CREATE FUNCTION audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only';
END
$$;
CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_is_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION audit_is_append_only();
`,
};
