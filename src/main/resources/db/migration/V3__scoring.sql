-- Scoring: every format, rounds, corrections with audit, double checks, publication, visibility.

-- A score row is one judge's submission for one entry in one round: a single mark (value), marks
-- per criterion (marks, as decimal strings), an attempt (attempt number, value or outcome), or a
-- match result (entry_id against opponent_entry_id). Rows are never updated: a correction is a new
-- row that supersedes the old one, entered_by the corrector, with a reason.
ALTER TABLE scores ALTER COLUMN value DROP NOT NULL;
ALTER TABLE scores
  ADD COLUMN round             INT NOT NULL DEFAULT 1 CHECK (round BETWEEN 1 AND 8),
  ADD COLUMN attempt           INT NOT NULL DEFAULT 1 CHECK (attempt BETWEEN 1 AND 10),
  ADD COLUMN marks             JSONB,
  ADD COLUMN outcome           TEXT NOT NULL DEFAULT 'VALUE' CHECK (outcome IN ('VALUE', 'DNF', 'DNS', 'DQ')),
  ADD COLUMN difficulty        NUMERIC(8, 4),
  ADD COLUMN opponent_entry_id BIGINT REFERENCES entries (id),
  ADD COLUMN opponent_value    NUMERIC(12, 4),
  ADD COLUMN entered_by        BIGINT REFERENCES users (id),
  ADD COLUMN after_publication BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE scores ADD CONSTRAINT scores_correction_has_reason
  CHECK (supersedes IS NULL OR length(btrim(reason)) > 0);

-- One current submission per judge, entry, round and attempt; matches are one per pairing and round.
DROP INDEX scores_one_original_per_judge;
CREATE UNIQUE INDEX scores_one_original ON scores (entry_id, judge_id, round, attempt)
  WHERE supersedes IS NULL AND opponent_entry_id IS NULL;
CREATE UNIQUE INDEX scores_one_match ON scores (competition_id, round, LEAST(entry_id, opponent_entry_id),
  GREATEST(entry_id, opponent_entry_id)) WHERE supersedes IS NULL AND opponent_entry_id IS NOT NULL;
-- A row is superseded at most once: two concurrent corrections of the same row cannot both land.
CREATE UNIQUE INDEX scores_superseded_once ON scores (supersedes) WHERE supersedes IS NOT NULL;
CREATE INDEX scores_entry ON scores (entry_id);

-- The double check: a head judge (or organiser) other than the one who entered it confirms a row.
CREATE TABLE score_checks (
  score_id   BIGINT PRIMARY KEY REFERENCES scores (id),
  checked_by BIGINT NOT NULL REFERENCES users (id),
  checked_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Per round: PROVISIONAL until a head judge or organiser publishes it OFFICIAL (no row: provisional).
CREATE TABLE scoreboard_rounds (
  competition_id BIGINT NOT NULL REFERENCES competitions (id),
  round          INT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('PROVISIONAL', 'OFFICIAL')),
  published_by   BIGINT REFERENCES users (id),
  published_at   TIMESTAMPTZ,
  PRIMARY KEY (competition_id, round)
);

-- Hidden from the public until the organiser releases it (no row: public).
CREATE TABLE scoreboard_visibility (
  competition_id BIGINT PRIMARY KEY REFERENCES competitions (id),
  hidden         BOOLEAN NOT NULL,
  changed_by     BIGINT NOT NULL REFERENCES users (id),
  changed_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Publications and visibility changes, for the audit next to the score rows and checks.
CREATE TABLE scoreboard_actions (
  id             BIGSERIAL PRIMARY KEY,
  competition_id BIGINT NOT NULL REFERENCES competitions (id),
  round          INT,
  action         TEXT NOT NULL CHECK (action IN ('PUBLISH', 'HIDE', 'RELEASE')),
  actor          BIGINT NOT NULL REFERENCES users (id),
  at             TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX scoreboard_actions_competition ON scoreboard_actions (competition_id);
