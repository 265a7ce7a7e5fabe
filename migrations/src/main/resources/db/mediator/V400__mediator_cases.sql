-- pactum mediator: one row per agreed deal that names this mediator (io.pactum.mediator.cases).
-- Inserted by the DealAgreed log handler in the log poller's transaction (idempotent on deal_id);
-- `disputed` set by the MediationRequested handler. The pipeline decides from the contracts'
-- state (dealRecord, caseOf, panelOf) every time (W6); this table only remembers the terms, the
-- re-run's outcome and which round it voted in. Votes go through chain_tx_intent with the
-- idempotency key vote:<dealId>:<round> (W1), so a crash at any point sends at most one vote.
--
--   watching --(deal ended: accepted, mediated, timed out)--> done

CREATE TABLE mediator_case (
    deal_id         TEXT        PRIMARY KEY CHECK (deal_id ~ '^0x[0-9a-f]{64}$'),
    deal_json       TEXT        NOT NULL,                       -- the agreed Deal terms, ProtocolJson
    status          TEXT        NOT NULL DEFAULT 'watching' CHECK (status IN ('watching', 'done')),
    disputed        BOOLEAN     NOT NULL DEFAULT false,
    block_number    BIGINT      NOT NULL CHECK (block_number >= 0),   -- of the DealAgreed log
    outcome_cid     TEXT,                                       -- this mediator's re-run outcome record
    fuel_used       BIGINT      CHECK (fuel_used >= 0),
    correct         BOOLEAN,                                    -- the re-run matches the posted result
    voted_round     INTEGER     CHECK (voted_round IN (0, 1)),  -- last round a vote was submitted in
    final_phase     TEXT,
    error           TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((outcome_cid IS NULL) = (correct IS NULL)),
    CHECK (status <> 'done' OR final_phase IS NOT NULL)
);
CREATE INDEX mediator_case_open ON mediator_case (created_at) WHERE status = 'watching' AND disputed;
CREATE INDEX mediator_case_block ON mediator_case (block_number);
