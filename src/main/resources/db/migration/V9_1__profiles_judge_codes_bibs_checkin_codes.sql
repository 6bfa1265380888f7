-- Issue 9: profiles, password resets, judge codes, short check-in codes and bib numbers.

-- Profile facts a person sets once (gender; birth_date exists already) and their organisation
-- (free text: a registration page preselects the event's unit of that name).
ALTER TABLE users
  ADD COLUMN gender       TEXT CHECK (gender IN ('M', 'F')),
  ADD COLUMN organisation TEXT;

-- One live reset code per account (an admin issues it; only its hash is kept).
CREATE TABLE password_resets (
  user_id    BIGINT PRIMARY KEY REFERENCES users (id),
  code_hash  TEXT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users (id),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Short codes people type: no 0/O, 1/I/L or U, read case-insensitively. Random bytes come from
-- gen_random_uuid() (a strong random source); bytes >= 240 are skipped so every symbol is equally likely.
CREATE FUNCTION short_code(len INT) RETURNS TEXT LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  alphabet CONSTANT TEXT := '23456789ABCDEFGHJKMNPQRSTVWXYZ';
  bytes BYTEA := '';
  out TEXT := '';
  i INT := 0;
  b INT;
BEGIN
  WHILE length(out) < len LOOP
    IF i >= length(bytes) THEN
      bytes := uuid_send(gen_random_uuid());
      i := 0;
    END IF;
    b := get_byte(bytes, i);
    i := i + 1;
    IF b < 240 THEN
      out := out || substr(alphabet, b % 30 + 1, 1);
    END IF;
  END LOOP;
  RETURN out;
END $$;

-- Check-in codes: six symbols per entry, unique across Gala (so a code names one entry without
-- knowing its event), given to every entry when it is written, also to imported athletes.
CREATE FUNCTION new_checkin_code() RETURNS TEXT LANGUAGE plpgsql VOLATILE AS $$
DECLARE c TEXT;
BEGIN
  LOOP
    c := short_code(6);
    EXIT WHEN NOT EXISTS (SELECT 1 FROM entries WHERE checkin_code = c);
  END LOOP;
  RETURN c;
END $$;

ALTER TABLE entries ADD COLUMN checkin_code TEXT;
UPDATE entries SET checkin_code = new_checkin_code();
ALTER TABLE entries ALTER COLUMN checkin_code SET DEFAULT new_checkin_code(),
  ALTER COLUMN checkin_code SET NOT NULL;
CREATE UNIQUE INDEX entries_checkin_code ON entries (checkin_code);

-- Bib numbers: one per person per event (person_key as in entry_members; a team entry is 'e:<entryId>'),
-- shown on every entry of that person. Numbers come from a sequence per event, so concurrent
-- registrations in different competitions never wait for each other; a number an organiser set by
-- hand is skipped.
CREATE TABLE bibs (
  event_id   BIGINT NOT NULL REFERENCES events (id),
  person_key TEXT NOT NULL,
  bib        INT NOT NULL CHECK (bib BETWEEN 1 AND 999999),
  PRIMARY KEY (event_id, person_key),
  UNIQUE (event_id, bib)
);
ALTER TABLE entries ADD COLUMN bib INT;
CREATE INDEX entries_bib ON entries (competition_id, bib) WHERE bib IS NOT NULL;

CREATE FUNCTION create_bib_sequence() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', 'bib_seq_' || NEW.id);
  RETURN NEW;
END $$;
CREATE TRIGGER events_bib_sequence AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION create_bib_sequence();
DO $$
DECLARE ev BIGINT;
BEGIN
  FOR ev IN SELECT id FROM events LOOP
    EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I', 'bib_seq_' || ev);
  END LOOP;
END $$;

-- The person's bib in the event, given out now if they have none. A concurrent transaction giving
-- the same person a number (or an organiser taking that number) makes the insert do nothing: look again.
CREATE FUNCTION bib_for(ev BIGINT, key TEXT) RETURNS INT LANGUAGE plpgsql VOLATILE AS $$
DECLARE b INT;
BEGIN
  LOOP
    SELECT bib INTO b FROM bibs WHERE event_id = ev AND person_key = key;
    IF FOUND THEN
      RETURN b;
    END IF;
    INSERT INTO bibs (event_id, person_key, bib)
      VALUES (ev, key, nextval(format('%I', 'bib_seq_' || ev))::int)
      ON CONFLICT DO NOTHING RETURNING bib INTO b;
    IF b IS NOT NULL THEN
      RETURN b;
    END IF;
  END LOOP;
END $$;

-- A confirmed (or checked-in) entry gets its person's bib. An individual entry's person is known once
-- its member row is written, so both the entry's status change and the member's insert ask.
CREATE FUNCTION assign_bib(entry BIGINT) RETURNS VOID LANGUAGE plpgsql VOLATILE AS $$
DECLARE ev BIGINT; kind TEXT; st TEXT; cur INT; key TEXT;
BEGIN
  SELECT c.event_id, c.entry_type, e.status, e.bib INTO ev, kind, st, cur
    FROM entries e JOIN competitions c ON c.id = e.competition_id WHERE e.id = entry;
  IF cur IS NOT NULL OR st NOT IN ('CONFIRMED', 'CHECKED_IN') THEN
    RETURN;
  END IF;
  IF kind = 'team' THEN
    key := 'e:' || entry;
  ELSE
    SELECT person_key INTO key FROM entry_members WHERE entry_id = entry ORDER BY id LIMIT 1;
    IF key IS NULL THEN
      RETURN;
    END IF;
  END IF;
  UPDATE entries SET bib = bib_for(ev, key) WHERE id = entry;
END $$;

CREATE FUNCTION entries_assign_bib() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM assign_bib(NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER entries_bib AFTER INSERT OR UPDATE OF status ON entries FOR EACH ROW
  WHEN (NEW.bib IS NULL AND NEW.status IN ('CONFIRMED', 'CHECKED_IN')) EXECUTE FUNCTION entries_assign_bib();

CREATE FUNCTION members_assign_bib() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM assign_bib(NEW.entry_id);
  RETURN NULL;
END $$;
CREATE TRIGGER entry_members_bib AFTER INSERT ON entry_members FOR EACH ROW EXECUTE FUNCTION members_assign_bib();

SELECT assign_bib(id) FROM entries WHERE status IN ('CONFIRMED', 'CHECKED_IN') ORDER BY id;

-- Judge codes: an organiser's invitation to judge one competition, typed or scanned.
CREATE TABLE judge_codes (
  id             BIGSERIAL PRIMARY KEY,
  code           TEXT NOT NULL UNIQUE DEFAULT short_code(8),
  competition_id BIGINT NOT NULL REFERENCES competitions (id),
  is_head        BOOLEAN NOT NULL DEFAULT FALSE,
  judge_name     TEXT,
  expires_at     TIMESTAMPTZ NOT NULL,
  max_uses       INT NOT NULL CHECK (max_uses BETWEEN 1 AND 100),
  uses           INT NOT NULL DEFAULT 0,
  revoked_at     TIMESTAMPTZ,
  revoked_by     BIGINT REFERENCES users (id),
  created_by     BIGINT NOT NULL REFERENCES users (id),
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (uses BETWEEN 0 AND max_uses)
);
CREATE INDEX judge_codes_competition ON judge_codes (competition_id);

CREATE TABLE judge_code_redemptions (
  code_id     BIGINT NOT NULL REFERENCES judge_codes (id),
  user_id     BIGINT NOT NULL REFERENCES users (id),
  redeemed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (code_id, user_id)
);

ALTER TABLE competition_judges ADD COLUMN via_code_id BIGINT REFERENCES judge_codes (id);
