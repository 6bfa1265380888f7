-- Registration: windows, divisions, quotas, teams, waitlist history, check-in, imports.

-- An event's registration window (null = open from/until any time).
ALTER TABLE events
  ADD COLUMN registration_opens_at  TIMESTAMPTZ,
  ADD COLUMN registration_closes_at TIMESTAMPTZ;

-- A unit's contact account may register teams of the unit's members.
ALTER TABLE units ADD COLUMN contact_user_id BIGINT REFERENCES users (id);

-- divisions: [{code, name, gender: M|F|null, minAge, maxAge}]; unit_quota: max live entries per unit.
ALTER TABLE competitions
  ADD COLUMN divisions  JSONB NOT NULL DEFAULT '[]'::jsonb,
  ADD COLUMN unit_quota INT CHECK (unit_quota IS NULL OR unit_quota > 0),
  ADD COLUMN entry_type TEXT NOT NULL DEFAULT 'individual' CHECK (entry_type IN ('individual', 'team')),
  ADD COLUMN team_size  INT NOT NULL DEFAULT 1 CHECK (team_size BETWEEN 1 AND 50);

ALTER TABLE entries
  ADD COLUMN division       TEXT,
  ADD COLUMN owner_id       BIGINT REFERENCES users (id),
  ADD COLUMN checked_in_at  TIMESTAMPTZ,
  ADD COLUMN checked_in_by  BIGINT REFERENCES users (id),
  ADD COLUMN withdrawn_at   TIMESTAMPTZ,
  ADD COLUMN import_job_id  BIGINT,
  ADD COLUMN promoted_at    TIMESTAMPTZ;
CREATE INDEX entries_owner ON entries (owner_id) WHERE owner_id IS NOT NULL;
CREATE INDEX entries_unit ON entries (competition_id, unit_id);

-- The people in an entry (one for an individual entry, N for a team). person_key identifies a
-- person within a competition (u:<userId>, or n:<unitId>:<name>:<birthDate>), so nobody is
-- entered twice, also not through two teams.
CREATE TABLE entry_members (
  id             BIGSERIAL PRIMARY KEY,
  entry_id       BIGINT NOT NULL REFERENCES entries (id),
  competition_id BIGINT NOT NULL REFERENCES competitions (id),
  user_id        BIGINT REFERENCES users (id),
  display_name   TEXT NOT NULL,
  birth_date     DATE,
  gender         TEXT CHECK (gender IN ('M', 'F')),
  person_key     TEXT NOT NULL,
  active         BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX entry_members_entry ON entry_members (entry_id);
CREATE UNIQUE INDEX entry_members_once ON entry_members (competition_id, person_key) WHERE active;

-- Every manual waitlist reorder, with the organiser's reason.
CREATE TABLE waitlist_changes (
  id             BIGSERIAL PRIMARY KEY,
  competition_id BIGINT NOT NULL REFERENCES competitions (id),
  entry_id       BIGINT NOT NULL REFERENCES entries (id),
  from_position  INT NOT NULL,
  to_position    INT NOT NULL,
  reason         TEXT NOT NULL,
  changed_by     BIGINT NOT NULL REFERENCES users (id),
  changed_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX waitlist_changes_competition ON waitlist_changes (competition_id);

-- The secret that signs check-in codes, shared by every node through the database.
CREATE TABLE registration_secret (
  id     INT PRIMARY KEY CHECK (id = 1),
  secret BYTEA NOT NULL
);

-- CSV import jobs: progress and the per-row report commit with each batch of imported rows.
CREATE TABLE import_jobs (
  id          BIGSERIAL PRIMARY KEY,
  event_id    BIGINT NOT NULL REFERENCES events (id),
  unit_id     BIGINT REFERENCES units (id),
  file_name   TEXT,
  status      TEXT NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
  total       INT NOT NULL,
  done        INT NOT NULL DEFAULT 0,
  imported    INT NOT NULL DEFAULT 0,
  failed      INT NOT NULL DEFAULT 0,
  created_by  BIGINT NOT NULL REFERENCES users (id),
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  -- bumped by every batch: a RUNNING job that stops moving lost its node (see Imports.job)
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  finished_at TIMESTAMPTZ
);

CREATE TABLE import_errors (
  job_id  BIGINT NOT NULL REFERENCES import_jobs (id),
  line    INT NOT NULL,
  code    TEXT NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (job_id, line, code)
);
