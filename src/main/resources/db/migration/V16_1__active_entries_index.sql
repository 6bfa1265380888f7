-- A competition's active entries by id: a registration batch reads each scoreboard's highest active
-- id (ScoreboardSource.changedAll, "last"), and walking entries_competition_id down from the end
-- fetched every waitlisted entry there first, so the read grew with the waitlist (1.45-1.59 ms per
-- batch in RegistrationBench's burst; 0.49 ms with this index).
CREATE INDEX entries_active ON entries (competition_id, id) WHERE status IN ('CONFIRMED', 'CHECKED_IN');
