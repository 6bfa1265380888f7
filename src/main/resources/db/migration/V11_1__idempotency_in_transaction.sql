-- Keys are now claimed inside the write's own transaction, so a committed key always has its reply.
-- A claim without one was left by the old two-step scheme (claim, then write) by a request that
-- never finished: free it, as the new scheme frees the key of a transaction that never committed.
DELETE FROM idempotency_keys WHERE status_code IS NULL;
