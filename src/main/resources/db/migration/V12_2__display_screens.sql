-- Issue 12: every big screen (display.html) announces itself to its event, so an organiser can
-- hold, skip or pin a page on one screen of the hall and not only on all of them at once.
-- `mode` NULL: the screen follows the event-wide control (display_control); otherwise its own
-- run / hold / pin applies. `skips` counts "next page" presses for this screen alone.
CREATE TABLE display_screens (
  event_id   BIGINT NOT NULL REFERENCES events (id),
  screen_id  TEXT NOT NULL CHECK (screen_id ~ '^[A-Za-z][A-Za-z0-9_-]{5,63}$'),
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  mode       TEXT CHECK (mode IS NULL OR mode IN ('run', 'hold', 'pin')),
  page       TEXT CHECK (page IS NULL OR length(page) BETWEEN 1 AND 100),
  skips      INT NOT NULL DEFAULT 0,
  seen_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  changed_by BIGINT REFERENCES users (id),
  PRIMARY KEY (event_id, screen_id),
  CHECK (mode IS DISTINCT FROM 'pin' OR page IS NOT NULL)
);
