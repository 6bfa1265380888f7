-- Accounts and tokens ---------------------------------------------------------
CREATE TABLE users (
  id            BIGSERIAL PRIMARY KEY,
  email         TEXT NOT NULL,
  display_name  TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'organiser', 'judge', 'participant')),
  birth_date    DATE,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- JWT signing keys, shared by every node of a cluster: the first node to start generates one.
CREATE TABLE signing_keys (
  kid         TEXT PRIMARY KEY,
  algorithm   TEXT NOT NULL,
  private_pem TEXT NOT NULL,
  public_pem  TEXT NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  retired_at  TIMESTAMPTZ
);

-- Rotating refresh tokens: only a hash is stored; a family is one login's chain of rotations.
CREATE TABLE refresh_tokens (
  id          BIGSERIAL PRIMARY KEY,
  user_id     BIGINT NOT NULL REFERENCES users (id),
  family      UUID NOT NULL,
  token_hash  TEXT NOT NULL UNIQUE,
  expires_at  TIMESTAMPTZ NOT NULL,
  used_at     TIMESTAMPTZ,
  revoked_at  TIMESTAMPTZ,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family);

-- Events, units, competitions --------------------------------------------------
CREATE TABLE events (
  id          BIGSERIAL PRIMARY KEY,
  title       TEXT NOT NULL,
  starts_on   DATE NOT NULL,
  ends_on     DATE NOT NULL,
  venue       TEXT,
  is_public   BOOLEAN NOT NULL DEFAULT TRUE,
  created_by  BIGINT NOT NULL REFERENCES users (id),
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);

CREATE TABLE event_organisers (
  event_id BIGINT NOT NULL REFERENCES events (id),
  user_id  BIGINT NOT NULL REFERENCES users (id),
  PRIMARY KEY (event_id, user_id)
);

CREATE TABLE units (
  id         BIGSERIAL PRIMARY KEY,
  event_id   BIGINT NOT NULL REFERENCES events (id),
  name       TEXT NOT NULL,
  contact    TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (event_id, name)
);

CREATE TABLE competitions (
  id         BIGSERIAL PRIMARY KEY,
  event_id   BIGINT NOT NULL REFERENCES events (id),
  name       TEXT NOT NULL,
  capacity   INT NOT NULL CHECK (capacity > 0),
  format     JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX competitions_event ON competitions (event_id);

-- Entries ----------------------------------------------------------------------
CREATE TABLE entries (
  id               BIGSERIAL PRIMARY KEY,
  competition_id   BIGINT NOT NULL REFERENCES competitions (id),
  user_id          BIGINT REFERENCES users (id),
  unit_id          BIGINT REFERENCES units (id),
  display_name     TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('CONFIRMED', 'WAITLISTED', 'WITHDRAWN', 'CHECKED_IN')),
  waitlist_position INT,
  created_by       BIGINT NOT NULL REFERENCES users (id),
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX entries_competition ON entries (competition_id);
-- One live entry per person per competition.
CREATE UNIQUE INDEX entries_one_per_user ON entries (competition_id, user_id)
  WHERE user_id IS NOT NULL AND status <> 'WITHDRAWN';

-- Judging ----------------------------------------------------------------------
CREATE TABLE competition_judges (
  competition_id BIGINT NOT NULL REFERENCES competitions (id),
  user_id        BIGINT NOT NULL REFERENCES users (id),
  is_head        BOOLEAN NOT NULL DEFAULT FALSE,
  assigned_by    BIGINT NOT NULL REFERENCES users (id),
  assigned_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (competition_id, user_id)
);

-- Scores are immutable: a correction is a new row that supersedes the old one.
CREATE TABLE scores (
  id             BIGSERIAL PRIMARY KEY,
  competition_id BIGINT NOT NULL REFERENCES competitions (id),
  entry_id       BIGINT NOT NULL REFERENCES entries (id),
  judge_id       BIGINT NOT NULL REFERENCES users (id),
  value          NUMERIC(12, 4) NOT NULL,
  supersedes     BIGINT REFERENCES scores (id),
  reason         TEXT,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX scores_competition ON scores (competition_id);
-- A judge's current mark for an entry is the one no later row supersedes.
CREATE UNIQUE INDEX scores_one_original_per_judge ON scores (entry_id, judge_id) WHERE supersedes IS NULL;

-- Live topics: version, current snapshot and the delta log ---------------------
CREATE TABLE topics (
  name     TEXT PRIMARY KEY,
  version  BIGINT NOT NULL,
  snapshot JSONB NOT NULL
);

CREATE TABLE topic_log (
  topic      TEXT NOT NULL,
  version    BIGINT NOT NULL,
  delta      JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (topic, version)
);

-- Idempotent writes: the first response is kept per caller and key ---------
CREATE TABLE idempotency_keys (
  user_id      BIGINT NOT NULL,
  key          TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status_code  INT,
  response     JSONB,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);

-- Marks the one-off demo load so restarts with --demo do not load it twice.
CREATE TABLE demo_state (
  id        INT PRIMARY KEY CHECK (id = 1),
  event_id  BIGINT NOT NULL REFERENCES events (id)
);
