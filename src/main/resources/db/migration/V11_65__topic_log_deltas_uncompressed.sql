-- A batch's delta is a few KB (a scoreboard's changed rows and the rows whose rank moved). Past
-- 2 KB PostgreSQL compressed each one with pglz at every append: 1-4% of PostgreSQL's CPU in a
-- scoring burst (perf, ScoringBench). Deltas live until the next checkpoint and are read only by a
-- resuming subscriber, so a row up to a page is now stored as it is; larger ones are still compressed.
ALTER TABLE topic_log SET (toast_tuple_target = 8160);
