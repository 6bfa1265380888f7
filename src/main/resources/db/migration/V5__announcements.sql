-- Announcements: an organiser's message to an audience of an event -------------
-- state: scheduled (waits for send_at), sent (on the announcements:<eventId> topic), expired.
-- A scheduled row goes out when some node's poller claims it (FOR UPDATE SKIP LOCKED) and flips it
-- to sent in the same transaction that appends it to the topic: exactly once, on any node.
CREATE SEQUENCE announcement_send_seq;

CREATE TABLE announcements (
  id             BIGSERIAL PRIMARY KEY,
  event_id       BIGINT NOT NULL REFERENCES events (id),
  audience       TEXT NOT NULL CHECK (audience IN ('event', 'competition', 'judges', 'participants')),
  competition_id BIGINT REFERENCES competitions (id),
  priority       TEXT NOT NULL CHECK (priority IN ('normal', 'urgent')),
  text           TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
  pinned         BOOLEAN NOT NULL DEFAULT FALSE,
  send_at        TIMESTAMPTZ NOT NULL,
  expires_at     TIMESTAMPTZ,
  state          TEXT NOT NULL CHECK (state IN ('scheduled', 'sent', 'expired')),
  -- The order announcements went out in (a scheduled one gets its number when it is sent).
  sent_seq       BIGINT UNIQUE,
  sent_at        TIMESTAMPTZ,
  -- Frames carrying it that the gateways wrote to sockets, added up in batches.
  delivered      BIGINT NOT NULL DEFAULT 0,
  created_by     BIGINT NOT NULL REFERENCES users (id),
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK ((audience = 'competition') = (competition_id IS NOT NULL)),
  CHECK ((state = 'scheduled') = (sent_seq IS NULL))
);
CREATE INDEX announcements_due ON announcements (send_at) WHERE state = 'scheduled';
CREATE INDEX announcements_expiring ON announcements (expires_at) WHERE state = 'sent' AND expires_at IS NOT NULL;
CREATE INDEX announcements_event ON announcements (event_id, sent_seq);
