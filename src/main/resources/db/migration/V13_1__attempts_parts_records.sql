-- Issue 13: every kind of attempt, combined formats and records.

-- A combined format's part (distance, style, theory...) that a score row gives; NULL for other formats.
-- One current row per judge, entry, round, attempt and part.
ALTER TABLE scores ADD COLUMN part TEXT CHECK (part IS NULL OR part ~ '^[A-Za-z][A-Za-z0-9_]{0,39}$');
DROP INDEX scores_one_original;
CREATE UNIQUE INDEX scores_one_original ON scores (entry_id, judge_id, round, attempt, COALESCE(part, ''))
  WHERE supersedes IS NULL AND opponent_entry_id IS NULL;

-- An attempt's degree of difficulty (and its code in the format's table), declared once by the organiser,
-- the head judge, the athlete (a dive sheet) or with the first mark, instead of by every judge. Rows are
-- never updated: a change supersedes the row, with who and why.
CREATE TABLE attempt_declarations (
  id             BIGSERIAL PRIMARY KEY,
  competition_id BIGINT NOT NULL REFERENCES competitions (id),
  entry_id       BIGINT NOT NULL REFERENCES entries (id),
  round          INT NOT NULL CHECK (round BETWEEN 1 AND 8),
  attempt        INT NOT NULL CHECK (attempt BETWEEN 1 AND 10),
  code           TEXT,
  difficulty     NUMERIC(8, 4) NOT NULL CHECK (difficulty > 0),
  declared_by    BIGINT NOT NULL REFERENCES users (id),
  supersedes     BIGINT REFERENCES attempt_declarations (id),
  reason         TEXT,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX attempt_declarations_one_original ON attempt_declarations (entry_id, round, attempt)
  WHERE supersedes IS NULL;
CREATE UNIQUE INDEX attempt_declarations_superseded_once ON attempt_declarations (supersedes) WHERE supersedes IS NOT NULL;
CREATE INDEX attempt_declarations_competition ON attempt_declarations (competition_id);

-- Difficulties that judges typed with their marks before: the first current one becomes the declaration.
INSERT INTO attempt_declarations (competition_id, entry_id, round, attempt, difficulty, declared_by, created_at)
SELECT DISTINCT ON (s.entry_id, s.round, s.attempt) s.competition_id, s.entry_id, s.round, s.attempt, s.difficulty,
       COALESCE(s.entered_by, s.judge_id), s.created_at
FROM scores s
WHERE s.difficulty IS NOT NULL AND NOT EXISTS (SELECT 1 FROM scores l WHERE l.supersedes = s.id)
ORDER BY s.entry_id, s.round, s.attempt, s.id;

-- Meet and event records an organiser loads per competition and division (NULL: the whole competition).
-- basis RESULT compares the counting result, SINGLE the best single attempt.
CREATE TABLE records (
  id             BIGSERIAL PRIMARY KEY,
  competition_id BIGINT NOT NULL REFERENCES competitions (id),
  division       TEXT,
  kind           TEXT NOT NULL CHECK (kind IN ('meet', 'event')),
  basis          TEXT NOT NULL CHECK (basis IN ('RESULT', 'SINGLE')),
  value          NUMERIC(14, 4) NOT NULL,
  holder         TEXT NOT NULL CHECK (length(btrim(holder)) BETWEEN 1 AND 100),
  unit_name      TEXT,
  set_at         TEXT,
  created_by     BIGINT NOT NULL REFERENCES users (id),
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX records_competition ON records (competition_id);
