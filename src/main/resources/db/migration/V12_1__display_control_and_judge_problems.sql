-- Issue 12: the organiser's remote control of an event's big screens, and problems a judge signals
-- to the head judge from the tablet.

-- One row per event once an organiser touched the control: run (page through), hold (stay on the
-- page on screen), pin (show `page` and stay). `skips` counts "next page" presses: a screen moves on
-- once per increment it sees.
CREATE TABLE display_control (
  event_id   BIGINT PRIMARY KEY REFERENCES events (id),
  mode       TEXT NOT NULL DEFAULT 'run' CHECK (mode IN ('run', 'hold', 'pin')),
  page       TEXT CHECK (page IS NULL OR length(page) BETWEEN 1 AND 100),
  skips      INT NOT NULL DEFAULT 0,
  changed_by BIGINT REFERENCES users (id),
  changed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (mode <> 'pin' OR page IS NOT NULL)
);

-- "Signal a problem": open until a head judge or organiser marks it handled.
CREATE TABLE judge_problems (
  id             BIGSERIAL PRIMARY KEY,
  competition_id BIGINT NOT NULL REFERENCES competitions (id),
  judge_id       BIGINT NOT NULL REFERENCES users (id),
  entry_id       BIGINT REFERENCES entries (id),
  text           TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  resolved_at    TIMESTAMPTZ,
  resolved_by    BIGINT REFERENCES users (id)
);
CREATE INDEX judge_problems_open ON judge_problems (competition_id) WHERE resolved_at IS NULL;
