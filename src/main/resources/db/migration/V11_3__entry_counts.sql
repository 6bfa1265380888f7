-- Kept counts of a competition's entries, so admitting one more entry reads one row instead of
-- counting every entry (a registration's cost must not grow with the list). A trigger keeps them
-- in the writing transaction for every writer (registration, import, withdrawal, promotion,
-- check-in, and any SQL), so they cannot drift from the entries table. Writers of a competition's
-- entries already hold its row lock, so the counter rows add no new contention.
CREATE TABLE competition_entry_counts (
  competition_id BIGINT PRIMARY KEY REFERENCES competitions (id),
  confirmed      INT NOT NULL DEFAULT 0, -- CONFIRMED and CHECKED_IN: the places taken
  waitlisted     INT NOT NULL DEFAULT 0,
  checked_in     INT NOT NULL DEFAULT 0
);

-- Live (not withdrawn) entries per unit and competition: the unit quota's count.
CREATE TABLE unit_entry_counts (
  competition_id BIGINT NOT NULL REFERENCES competitions (id),
  unit_id        BIGINT NOT NULL REFERENCES units (id),
  live           INT NOT NULL DEFAULT 0,
  PRIMARY KEY (competition_id, unit_id)
);

CREATE FUNCTION count_entry(comp BIGINT, unit BIGINT, st TEXT, sign INT) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
  c INT := CASE WHEN st IN ('CONFIRMED', 'CHECKED_IN') THEN sign ELSE 0 END;
  w INT := CASE WHEN st = 'WAITLISTED' THEN sign ELSE 0 END;
  k INT := CASE WHEN st = 'CHECKED_IN' THEN sign ELSE 0 END;
BEGIN
  IF c <> 0 OR w <> 0 OR k <> 0 THEN
    INSERT INTO competition_entry_counts AS t (competition_id, confirmed, waitlisted, checked_in) VALUES (comp, c, w, k)
      ON CONFLICT (competition_id) DO UPDATE
      SET confirmed = t.confirmed + c, waitlisted = t.waitlisted + w, checked_in = t.checked_in + k;
  END IF;
  IF unit IS NOT NULL AND st <> 'WITHDRAWN' THEN
    INSERT INTO unit_entry_counts AS t (competition_id, unit_id, live) VALUES (comp, unit, sign)
      ON CONFLICT (competition_id, unit_id) DO UPDATE SET live = t.live + sign;
  END IF;
END $$;

CREATE FUNCTION entries_count() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = NEW.status AND OLD.unit_id IS NOT DISTINCT FROM NEW.unit_id
      AND OLD.competition_id = NEW.competition_id THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM count_entry(OLD.competition_id, OLD.unit_id, OLD.status, -1);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM count_entry(NEW.competition_id, NEW.unit_id, NEW.status, 1);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER entries_count AFTER INSERT OR DELETE OR UPDATE OF status, unit_id, competition_id ON entries
  FOR EACH ROW EXECUTE FUNCTION entries_count();

INSERT INTO competition_entry_counts (competition_id, confirmed, waitlisted, checked_in)
  SELECT competition_id, count(*) FILTER (WHERE status IN ('CONFIRMED', 'CHECKED_IN')),
         count(*) FILTER (WHERE status = 'WAITLISTED'), count(*) FILTER (WHERE status = 'CHECKED_IN')
  FROM entries GROUP BY competition_id;
INSERT INTO unit_entry_counts (competition_id, unit_id, live)
  SELECT competition_id, unit_id, count(*) FROM entries WHERE unit_id IS NOT NULL AND status <> 'WITHDRAWN'
  GROUP BY competition_id, unit_id;

-- A namesake check looks up names within a competition; a new entry's place in the list and a
-- promotion's are found by id within a competition: neither scans the whole list.
CREATE INDEX entry_members_name ON entry_members (competition_id, lower(display_name)) WHERE active;
CREATE INDEX entries_competition_id ON entries (competition_id, id);
