-- pactum compute-node: postResult may have to be sent again under a new idempotency key.
-- A reorganisation can take the agreement away and bring it back after the node's postResult was
-- re-mined: that transaction reverts (NotInPhase) although the result is still due. The job then
-- re-submits, at most a few times, as result:<dealId>#<n>; n is this counter (0: the first key).
ALTER TABLE node_job
    ADD COLUMN resubmissions INTEGER NOT NULL DEFAULT 0 CHECK (resubmissions >= 0);
