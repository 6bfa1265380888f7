-- Sessions: one per sign-in (the refresh-token family); its id is the `sid` claim of every access
-- token it issues. A revoked session's access tokens are refused at once on every node (each node
-- caches the recently revoked ids and hears new ones on the event bus).
CREATE TABLE sessions (
  id          UUID PRIMARY KEY,
  user_id     BIGINT NOT NULL REFERENCES users (id),
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  revoked_at  TIMESTAMPTZ,
  -- logout, refresh_reuse, password, sign_out_everywhere
  revoked_why TEXT
);
CREATE INDEX sessions_user ON sessions (user_id) WHERE revoked_at IS NULL;
CREATE INDEX sessions_revoked_at ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;

INSERT INTO sessions (id, user_id, created_at, revoked_at, revoked_why)
SELECT family, min(user_id), min(created_at),
       CASE WHEN bool_or(revoked_at IS NOT NULL) THEN max(revoked_at) END,
       CASE WHEN bool_or(revoked_at IS NOT NULL) THEN 'logout' END
FROM refresh_tokens GROUP BY family;
