-- Youth mixers: rounds of pairs or tables, meetings, likes -------------------
CREATE TABLE mixers (
  id             BIGSERIAL PRIMARY KEY,
  event_id       BIGINT NOT NULL REFERENCES events (id),
  title          TEXT NOT NULL,
  group_size     INT NOT NULL CHECK (group_size BETWEEN 2 AND 8),   -- 2 = pairs
  rounds         INT NOT NULL CHECK (rounds BETWEEN 1 AND 20),
  round_seconds  INT NOT NULL CHECK (round_seconds BETWEEN 1 AND 7200),
  min_age        INT NOT NULL CHECK (min_age >= 10),
  max_age        INT NOT NULL CHECK (max_age >= min_age AND max_age <= 120),
  capacity       INT NOT NULL CHECK (capacity BETWEEN 2 AND 20000),
  gender_balance BOOLEAN NOT NULL DEFAULT FALSE,
  mixer_date     DATE NOT NULL,
  current_round  INT NOT NULL DEFAULT 0,
  -- The round clock is a PostgreSQL timestamp: whichever node leads the clock ends the round.
  round_ends_at  TIMESTAMPTZ,
  round_open     BOOLEAN NOT NULL DEFAULT FALSE,
  created_by     BIGINT NOT NULL REFERENCES users (id),
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX mixers_event ON mixers (event_id);
CREATE INDEX mixers_open_rounds ON mixers (round_ends_at) WHERE round_open;

-- A profile exists only with a guardian's consent under 14, and a minor's contact is never stored.
CREATE TABLE mixer_profiles (
  mixer_id        BIGINT NOT NULL REFERENCES mixers (id),
  user_id         BIGINT NOT NULL REFERENCES users (id),
  display_name    TEXT NOT NULL,
  interests       TEXT[] NOT NULL,
  birth_date      DATE NOT NULL,
  age             INT NOT NULL,
  gender          TEXT CHECK (gender IN ('female', 'male')),
  preference      TEXT NOT NULL DEFAULT 'any' CHECK (preference IN ('any', 'mixed', 'same')),
  guardian_name   TEXT,
  guardian_consent_at TIMESTAMPTZ,
  contact         TEXT,
  checked_in      BOOLEAN NOT NULL DEFAULT FALSE,
  joined_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (mixer_id, user_id),
  CHECK (age >= 14 OR (guardian_name IS NOT NULL AND guardian_consent_at IS NOT NULL)),
  CHECK (age >= 18 OR contact IS NULL)
);

CREATE TABLE mixer_seats (
  mixer_id  BIGINT NOT NULL REFERENCES mixers (id),
  round     INT NOT NULL,
  user_id   BIGINT NOT NULL,
  table_no  INT NOT NULL,
  PRIMARY KEY (mixer_id, round, user_id),
  FOREIGN KEY (mixer_id, user_id) REFERENCES mixer_profiles (mixer_id, user_id)
);

-- Who met whom (user_a < user_b); the key makes a repeat meeting impossible to store.
CREATE TABLE mixer_meetings (
  mixer_id  BIGINT NOT NULL REFERENCES mixers (id),
  user_a    BIGINT NOT NULL,
  user_b    BIGINT NOT NULL,
  round     INT NOT NULL,
  PRIMARY KEY (mixer_id, user_a, user_b),
  CHECK (user_a < user_b)
);

CREATE TABLE mixer_likes (
  mixer_id   BIGINT NOT NULL REFERENCES mixers (id),
  from_user  BIGINT NOT NULL,
  to_user    BIGINT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (mixer_id, from_user, to_user)
);
