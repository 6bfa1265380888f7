-- The host's view of a mixer night: why each person sits a round out (shown beside their name in
-- the plan), and who has left the evening (marked gone by the host; checked out from then on).
ALTER TABLE mixer_seats ADD COLUMN rest_reason TEXT;
ALTER TABLE mixer_profiles ADD COLUMN gone_at TIMESTAMPTZ;
