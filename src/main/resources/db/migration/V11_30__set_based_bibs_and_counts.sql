-- A registration batch's database work, set-based (issue 11). The rules stay in triggers, so every
-- writer (registration, import, organiser entries, promotion, check-in, any SQL) keeps them; what
-- changes is that a multi-row statement pays for them once instead of once per row, and that a
-- writer which fills an entry's bib itself (registerEntry, see gala.registration.Registering) skips
-- the bib trigger altogether.

-- Kept counts: an INSERT or a DELETE of entries adds its rows' counts in one upsert per table,
-- grouped (an upsert may change a row only once per statement). UPDATEs stay per row: a transition
-- table forbids the trigger's column list, and without it every UPDATE of entries (bibs, waitlist
-- positions) would collect its rows only to find that no status or unit changed; the WHEN clause
-- skips the plpgsql call for a row whose status, unit and competition stay.
DROP TRIGGER entries_count ON entries;

CREATE FUNCTION entries_count_added() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO competition_entry_counts AS t (competition_id, confirmed, waitlisted, checked_in)
    SELECT competition_id, count(*) FILTER (WHERE status IN ('CONFIRMED', 'CHECKED_IN')),
           count(*) FILTER (WHERE status = 'WAITLISTED'), count(*) FILTER (WHERE status = 'CHECKED_IN')
    FROM added WHERE status IN ('CONFIRMED', 'CHECKED_IN', 'WAITLISTED')
    GROUP BY competition_id ORDER BY competition_id
    ON CONFLICT (competition_id) DO UPDATE SET confirmed = t.confirmed + EXCLUDED.confirmed,
      waitlisted = t.waitlisted + EXCLUDED.waitlisted, checked_in = t.checked_in + EXCLUDED.checked_in;
  INSERT INTO unit_entry_counts AS t (competition_id, unit_id, live)
    SELECT competition_id, unit_id, count(*) FROM added WHERE unit_id IS NOT NULL AND status <> 'WITHDRAWN'
    GROUP BY competition_id, unit_id ORDER BY competition_id, unit_id
    ON CONFLICT (competition_id, unit_id) DO UPDATE SET live = t.live + EXCLUDED.live;
  RETURN NULL;
END $$;

CREATE FUNCTION entries_count_gone() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO competition_entry_counts AS t (competition_id, confirmed, waitlisted, checked_in)
    SELECT competition_id, -count(*) FILTER (WHERE status IN ('CONFIRMED', 'CHECKED_IN')),
           -count(*) FILTER (WHERE status = 'WAITLISTED'), -count(*) FILTER (WHERE status = 'CHECKED_IN')
    FROM gone WHERE status IN ('CONFIRMED', 'CHECKED_IN', 'WAITLISTED')
    GROUP BY competition_id ORDER BY competition_id
    ON CONFLICT (competition_id) DO UPDATE SET confirmed = t.confirmed + EXCLUDED.confirmed,
      waitlisted = t.waitlisted + EXCLUDED.waitlisted, checked_in = t.checked_in + EXCLUDED.checked_in;
  INSERT INTO unit_entry_counts AS t (competition_id, unit_id, live)
    SELECT competition_id, unit_id, -count(*) FROM gone WHERE unit_id IS NOT NULL AND status <> 'WITHDRAWN'
    GROUP BY competition_id, unit_id ORDER BY competition_id, unit_id
    ON CONFLICT (competition_id, unit_id) DO UPDATE SET live = t.live + EXCLUDED.live;
  RETURN NULL;
END $$;

CREATE TRIGGER entries_count_insert AFTER INSERT ON entries REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION entries_count_added();
CREATE TRIGGER entries_count_delete AFTER DELETE ON entries REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION entries_count_gone();
CREATE TRIGGER entries_count_update AFTER UPDATE OF status, unit_id, competition_id ON entries FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.unit_id IS DISTINCT FROM NEW.unit_id
    OR OLD.competition_id IS DISTINCT FROM NEW.competition_id)
  EXECUTE FUNCTION entries_count();

-- Bibs on a member's insert: one trigger call per statement instead of one per member row. It asks
-- assign_bib about each entry the statement completes; assign_bib looks the entry up by its key and
-- returns at once when it has its bib already (registerEntry's entries come with theirs), so the
-- rules (the person's number, a hand-set one skipped) stay in assign_bib and bib_for. A loop of
-- key lookups rather than one join with the entries table: a join's cached plan, made while the
-- table was small, could read the whole table on every statement later.
DROP TRIGGER entry_members_bib ON entry_members;
DROP FUNCTION members_assign_bib();

CREATE FUNCTION members_assign_bibs() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE entry BIGINT;
BEGIN
  FOR entry IN SELECT DISTINCT entry_id FROM added ORDER BY entry_id LOOP
    PERFORM assign_bib(entry);
  END LOOP;
  RETURN NULL;
END $$;
CREATE TRIGGER entry_members_bib AFTER INSERT ON entry_members REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION members_assign_bibs();

-- entries_competition (competition_id) is the prefix of entries_competition_id (competition_id, id):
-- every insert paid for both.
DROP INDEX entries_competition;
