-- Issue 10: the one access check joins from a target to the caller's relations with its event
-- (gala.access.Access); these keep that one query an index probe however large the event is.
CREATE INDEX entry_members_user ON entry_members (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX entries_user ON entries (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX units_contact_user ON units (contact_user_id) WHERE contact_user_id IS NOT NULL;
CREATE INDEX competition_judges_user ON competition_judges (user_id);
CREATE INDEX mixer_profiles_user ON mixer_profiles (user_id);
