-- pactum-chain: log poller state (W4, W5). Owned by io.pactum.chain.logs.LogPoller.
-- One cursor per named poller (a set of contract addresses and topics). The cursor, the
-- processed-log rows and each service's derived rows are written in the same transaction.

CREATE TABLE chain_log_cursor (
    name          TEXT        PRIMARY KEY,
    -- last block whose logs have been handled (start block - 1 before the first tick)
    block_number  BIGINT      NOT NULL,
    -- hash of that block; NULL until the first range is processed
    block_hash    TEXT,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Hashes of recent blocks seen by a poller (the range ends, and every block that had a log):
-- compared against the chain on every tick to detect reorgs and find the common ancestor.
CREATE TABLE chain_block_hash (
    name          TEXT   NOT NULL REFERENCES chain_log_cursor (name) ON DELETE CASCADE,
    block_number  BIGINT NOT NULL,
    block_hash    TEXT   NOT NULL,
    PRIMARY KEY (name, block_number)
);

-- Every log handed to a LogHandler, deduplicated by (block hash, log index).
CREATE TABLE chain_processed_log (
    name          TEXT        NOT NULL REFERENCES chain_log_cursor (name) ON DELETE CASCADE,
    block_hash    TEXT        NOT NULL,
    log_index     BIGINT      NOT NULL,
    block_number  BIGINT      NOT NULL,
    tx_hash       TEXT        NOT NULL,
    address       TEXT        NOT NULL,
    topic0        TEXT,
    processed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (name, block_hash, log_index)
);
CREATE INDEX chain_processed_log_block ON chain_processed_log (name, block_number);
