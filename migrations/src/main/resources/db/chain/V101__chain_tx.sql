-- pactum-chain: durable transaction manager (W1-W3, W7). Owned by io.pactum.chain.tx.TxManager.
-- An intent moves unstarted -> in_progress (nonce assigned, signed bytes stored)
-- -> unconfirmed (broadcast) -> confirmed | reverted | failed.

CREATE TABLE chain_tx_intent (
    id                  BIGSERIAL   PRIMARY KEY,
    idempotency_key     TEXT        NOT NULL UNIQUE,
    from_address        TEXT        NOT NULL,
    to_address          TEXT        NOT NULL,
    data                BYTEA       NOT NULL,
    value               NUMERIC(78) NOT NULL DEFAULT 0,
    gas_limit           NUMERIC(78),                  -- NULL: estimate before signing
    state               TEXT        NOT NULL DEFAULT 'unstarted'
        CHECK (state IN ('unstarted', 'in_progress', 'unconfirmed', 'confirmed', 'reverted', 'failed')),
    nonce               BIGINT,
    tx_hash             TEXT,                         -- the attempt whose receipt closed the intent
    receipt_block       BIGINT,
    receipt_block_hash  TEXT,
    gas_used            NUMERIC(78),
    final               BOOLEAN     NOT NULL DEFAULT FALSE, -- receipt deeper than the finality depth
    error               TEXT,                         -- decoded revert reason or failure
    revert_data         BYTEA,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- one intent per (sender, nonce): a nonce is never assigned twice
CREATE UNIQUE INDEX chain_tx_intent_nonce ON chain_tx_intent (from_address, nonce) WHERE nonce IS NOT NULL;
CREATE INDEX chain_tx_intent_open ON chain_tx_intent (from_address, state)
    WHERE state IN ('unstarted', 'in_progress', 'unconfirmed');

-- Every signed transaction for an intent (fee bumps add attempts with the same nonce).
-- The signed bytes are stored BEFORE broadcast and re-sent unchanged after a crash.
CREATE TABLE chain_tx_attempt (
    id                        BIGSERIAL   PRIMARY KEY,
    intent_id                 BIGINT      NOT NULL REFERENCES chain_tx_intent (id) ON DELETE CASCADE,
    nonce                     BIGINT      NOT NULL,
    tx_hash                   TEXT        NOT NULL UNIQUE,
    signed_raw                BYTEA       NOT NULL,
    max_fee_per_gas           NUMERIC(78) NOT NULL,
    max_priority_fee_per_gas  NUMERIC(78) NOT NULL,
    gas_limit                 NUMERIC(78) NOT NULL,
    broadcast_block           BIGINT,                 -- head when first broadcast; NULL = not yet sent
    created_at                TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX chain_tx_attempt_intent ON chain_tx_attempt (intent_id);

-- One writer per sending key (W2): the owner holding an unexpired lease assigns nonces.
CREATE TABLE chain_nonce_lease (
    from_address  TEXT        PRIMARY KEY,
    owner         TEXT        NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    next_nonce    BIGINT      NOT NULL
);
