-- The member bib trigger (V11_30) asked assign_bib about every entry its statement completed, one
-- plpgsql call and one join each, although registerEntry and imports write their entries with the
-- bib already. One statement now picks the entries still without a bib, each looked up by its key
-- (a subquery per entry, so the plan stays a key lookup whatever the table's size when it was
-- made), and only those go through assign_bib, which keeps the rules.
CREATE OR REPLACE FUNCTION members_assign_bibs() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE entry BIGINT;
BEGIN
  FOR entry IN SELECT a.entry_id FROM (SELECT DISTINCT entry_id FROM added) a
      WHERE (SELECT e.bib IS NULL AND e.status IN ('CONFIRMED', 'CHECKED_IN') FROM entries e WHERE e.id = a.entry_id)
      ORDER BY a.entry_id LOOP
    PERFORM assign_bib(entry);
  END LOOP;
  RETURN NULL;
END $$;
