-- A season's memory: mixers of one series remember who met at the earlier ones (the organiser
-- chooses the series and how many earlier mixers count back), and earlier mutual matches.
CREATE TABLE mixer_series (
  id          BIGSERIAL PRIMARY KEY,
  title       TEXT NOT NULL,
  created_by  BIGINT NOT NULL REFERENCES users (id),
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX mixer_series_owner ON mixer_series (created_by);
ALTER TABLE mixers ADD COLUMN series_id BIGINT REFERENCES mixer_series (id);
-- How many earlier mixers of the series count (NULL: all of them).
ALTER TABLE mixers ADD COLUMN series_lookback INT CHECK (series_lookback BETWEEN 1 AND 1000);
CREATE INDEX mixers_series ON mixers (series_id, mixer_date, id) WHERE series_id IS NOT NULL;
