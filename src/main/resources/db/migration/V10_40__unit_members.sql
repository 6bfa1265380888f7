-- Who belongs to a unit: the server's own fact behind "I register for my unit". A person becomes a
-- member by redeeming one of the unit's join codes, or when the unit's contact or an organiser adds them.
CREATE TABLE unit_join_codes (
  id         BIGSERIAL PRIMARY KEY,
  unit_id    BIGINT NOT NULL REFERENCES units (id) ON DELETE CASCADE,
  -- SHA-256 of the code: the code itself is shown once, to its maker, and never stored.
  code_hash  BYTEA NOT NULL UNIQUE,
  -- The code's last two symbols, so its maker can tell codes apart in the list.
  hint       TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users (id),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  revoked_at TIMESTAMPTZ,
  uses       INT NOT NULL DEFAULT 0
);
CREATE INDEX unit_join_codes_unit ON unit_join_codes (unit_id);

CREATE TABLE unit_members (
  unit_id     BIGINT NOT NULL REFERENCES units (id) ON DELETE CASCADE,
  user_id     BIGINT NOT NULL REFERENCES users (id),
  added_by    BIGINT REFERENCES users (id),
  via_code_id BIGINT REFERENCES unit_join_codes (id),
  joined_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_id, user_id)
);
CREATE INDEX unit_members_user ON unit_members (user_id);
