-- scores_entry (entry_id) served no statement: scores are read by competition (scores_competition),
-- by judge within a competition, and by the row they supersede (scores_superseded_once); entries are
-- never deleted, so no foreign-key check looks a row up by its entry either. Every mark paid for it
-- all the same: one index entry more per row inserted (the batch INSERT of marks was the largest
-- statement of ScoringBench's saturation, 0.57 ms per batch of 7.4 marks, pg_stat_statements).
DROP INDEX scores_entry;
