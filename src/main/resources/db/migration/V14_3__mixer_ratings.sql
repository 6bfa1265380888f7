-- After the evening: each participant rates it 1-5 with an optional comment; organisers see the
-- aggregate and the comments without names.
CREATE TABLE mixer_ratings (
  mixer_id  BIGINT NOT NULL,
  user_id   BIGINT NOT NULL,
  stars     INT NOT NULL CHECK (stars BETWEEN 1 AND 5),
  comment   TEXT CHECK (char_length(comment) <= 1000),
  rated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (mixer_id, user_id),
  FOREIGN KEY (mixer_id, user_id) REFERENCES mixer_profiles (mixer_id, user_id)
);
