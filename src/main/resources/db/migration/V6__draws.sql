-- Draws for head-to-head competitions: one draw per competition, its matches round by round.
-- The results themselves are score rows (gala.scoring); a match keeps the outcome it was decided
-- by and the score row, so the bracket and the standings come from the same submission.
CREATE TABLE draws (
  competition_id BIGINT PRIMARY KEY REFERENCES competitions (id),
  kind           TEXT NOT NULL CHECK (kind IN ('round_robin', 'single_elimination', 'swiss')),
  -- Entries in seed order (seed 1 first).
  entry_ids      BIGINT[] NOT NULL CHECK (cardinality(entry_ids) >= 2),
  -- Planned number of rounds (Swiss: how many the organiser wants; others: fixed by the field).
  rounds         INT NOT NULL CHECK (rounds >= 1),
  created_by     BIGINT NOT NULL REFERENCES users (id),
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A match of round `round` (1-based) at position `slot` (0-based). Single elimination stores every
-- round at once, later rounds with entrants still unknown (NULL) until winners advance; a bye has
-- entry_b NULL and bye TRUE, and its entrant wins at once.
CREATE TABLE draw_matches (
  id             BIGSERIAL PRIMARY KEY,
  competition_id BIGINT NOT NULL REFERENCES draws (competition_id) ON DELETE CASCADE,
  round          INT NOT NULL CHECK (round >= 1),
  slot           INT NOT NULL CHECK (slot >= 0),
  entry_a        BIGINT REFERENCES entries (id),
  entry_b        BIGINT REFERENCES entries (id),
  bye            BOOLEAN NOT NULL DEFAULT FALSE,
  score_a        INT CHECK (score_a >= 0),
  score_b        INT CHECK (score_b >= 0),
  winner         BIGINT REFERENCES entries (id),
  score_id       BIGINT REFERENCES scores (id),
  recorded_by    BIGINT REFERENCES users (id),
  recorded_at    TIMESTAMPTZ,
  UNIQUE (competition_id, round, slot),
  CHECK (entry_a IS NULL OR entry_b IS NULL OR entry_a <> entry_b),
  CHECK ((score_a IS NULL) = (score_b IS NULL)),
  CHECK (winner IS NULL OR winner = entry_a OR winner = entry_b)
);
CREATE INDEX draw_matches_competition ON draw_matches (competition_id, round);
