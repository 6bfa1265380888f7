-- A competition's waitlist in order, without reading its confirmed entries: promotion takes the head,
-- renumbering and reorders read the waitlist only, so a withdrawal from a long confirmed list with a
-- short waitlist costs what the waitlist holds, not what the list holds.
CREATE INDEX entries_waitlist ON entries (competition_id, waitlist_position, id) WHERE status = 'WAITLISTED';
