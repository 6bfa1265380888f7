-- Attempts counted by the sign-in and sign-up throttles (gala.platform.SharedThrottle), shared by
-- every node so a client spreading its guesses over the cluster meets the same limits. UNLOGGED:
-- a crash may forget recent attempts, which only lets a guesser start over once; nothing exact
-- (capacity, quotas, idempotency) is ever counted here.
CREATE UNLOGGED TABLE throttle_hits (
  id   BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  key  TEXT NOT NULL,
  at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX throttle_hits_key ON throttle_hits (name, key, at);
