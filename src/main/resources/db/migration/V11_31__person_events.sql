-- The events each person has an entry in, as its person or as its owner (a unit's contact who
-- entered it). A registration must tell whether its new rows go last in each owner's own list
-- (sorted by the event's first day, then id): only an entry in a later event says no. Asking that
-- of the person's entries reads all of them, and a unit's contact owns hundreds; asking it of their
-- events reads a few rows. Kept by triggers for every writer, like the counts (V11_3, V11_30). A
-- row may outlive its entries (a deleted entry, a changed owner): it only makes the reader look at
-- the entries themselves, which decide. No foreign keys: it is an index of entries, not a fact.
CREATE TABLE person_events (
  user_id  BIGINT NOT NULL,
  event_id BIGINT NOT NULL,
  PRIMARY KEY (user_id, event_id)
);

CREATE FUNCTION entries_person_events() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO person_events (user_id, event_id)
    SELECT DISTINCT p.uid, (SELECT c.event_id FROM competitions c WHERE c.id = a.competition_id)
    FROM added a CROSS JOIN LATERAL (VALUES (a.owner_id), (a.user_id)) p(uid)
    WHERE p.uid IS NOT NULL
    ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER entries_person_events_insert AFTER INSERT ON entries REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION entries_person_events();

CREATE FUNCTION entry_person_events() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO person_events (user_id, event_id)
    SELECT p.uid, c.event_id FROM competitions c CROSS JOIN (VALUES (NEW.owner_id), (NEW.user_id)) p(uid)
    WHERE c.id = NEW.competition_id AND p.uid IS NOT NULL
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER entries_person_events_update AFTER UPDATE OF owner_id, user_id, competition_id ON entries FOR EACH ROW
  WHEN (OLD.owner_id IS DISTINCT FROM NEW.owner_id OR OLD.user_id IS DISTINCT FROM NEW.user_id
    OR OLD.competition_id IS DISTINCT FROM NEW.competition_id)
  EXECUTE FUNCTION entry_person_events();

INSERT INTO person_events (user_id, event_id)
  SELECT p.uid, c.event_id FROM entries e JOIN competitions c ON c.id = e.competition_id
  CROSS JOIN LATERAL (VALUES (e.owner_id), (e.user_id)) p(uid)
  WHERE p.uid IS NOT NULL
  GROUP BY 1, 2;
