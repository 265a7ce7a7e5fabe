-- pactum compute-node: one row per agreed deal of this node (io.pactum.node.jobs).
-- Inserted by the DealAgreed log handler in the log poller's transaction (idempotent on deal_id);
-- advanced by the job worker, which decides from the contract's dealRecord, not from this table (W6):
-- losing a row loses no money, it only delays the job until the poller sees the event again.
--
--   pending -> running -> outcome_stored -> result_submitted -> done
--        \________\____________\_________________\-----------> failed

CREATE TABLE node_job (
    deal_id        TEXT        PRIMARY KEY CHECK (deal_id ~ '^0x[0-9a-f]{64}$'),
    deal_json      TEXT        NOT NULL,                                  -- the agreed Deal terms, ProtocolJson
    status         TEXT        NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'running', 'outcome_stored', 'result_submitted', 'done', 'failed')),
    block_number   BIGINT      CHECK (block_number >= 0),                 -- of the DealAgreed log
    block_hash     TEXT,
    outcome_status TEXT
        CHECK (outcome_status IS NULL OR outcome_status IN
            ('OK', 'TRAP', 'OUT_OF_FUEL', 'MEMORY_LIMIT', 'OUTPUT_LIMIT', 'INVALID_MODULE', 'INPUT_UNAVAILABLE')),
    outcome_cid    TEXT,                                                  -- CID of the JobOutcome record
    fuel_used      BIGINT      CHECK (fuel_used >= 0),
    attempts       INTEGER     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    error          TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at     TIMESTAMPTZ,
    finished_at    TIMESTAMPTZ,
    CHECK (status NOT IN ('outcome_stored', 'result_submitted')
           OR (outcome_cid IS NOT NULL AND outcome_status IS NOT NULL AND fuel_used IS NOT NULL)),
    CHECK (status <> 'failed' OR error IS NOT NULL),
    CHECK ((status IN ('done', 'failed')) = (finished_at IS NOT NULL))
);
CREATE INDEX node_job_open ON node_job (status, created_at) WHERE status NOT IN ('done', 'failed');
CREATE INDEX node_job_block ON node_job (block_number);
