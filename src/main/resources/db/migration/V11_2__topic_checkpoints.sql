-- A topic's snapshot is now a checkpoint (the snapshot at some version), rewritten every K versions
-- off the hot path; the current state is the checkpoint plus the log after it. A write appends only
-- its delta, so its cost does not grow with the size of the topic.
CREATE TABLE topic_checkpoints (
  topic    TEXT PRIMARY KEY,
  version  BIGINT NOT NULL,
  snapshot JSONB NOT NULL
);
INSERT INTO topic_checkpoints (topic, version, snapshot) SELECT name, version, snapshot FROM topics;
ALTER TABLE topics DROP COLUMN snapshot;
