-- pactum chain: an intent may carry the deadline it must land by (W9), in chain time (unix
-- seconds). Close to it the transaction manager bumps fees every block; past it, it raises one
-- alert (deadline_missed) and keeps trying: the contract decides whether the late call still counts.
ALTER TABLE chain_tx_intent
    ADD COLUMN deadline        BIGINT  CHECK (deadline IS NULL OR deadline > 0),
    ADD COLUMN deadline_missed BOOLEAN NOT NULL DEFAULT FALSE;
