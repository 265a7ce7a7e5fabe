-- pactum-solver: the order book (signed offers) and the deals proposed from it.
-- Owned by io.pactum.solver. Ids are 0x-prefixed lower-case hex; addresses 0x lower-case hex.
-- An offer row is written only after every check passed (W11): a rejected request writes nothing.

CREATE TABLE solver_job_offer (
    id            TEXT        PRIMARY KEY CHECK (id ~ '^0x[0-9a-f]{64}$'),       -- EIP-712 struct hash
    seq           BIGSERIAL   NOT NULL UNIQUE,                                  -- arrival order (time priority)
    signer        TEXT        NOT NULL CHECK (signer ~ '^0x[0-9a-f]{40}$'),      -- offer.client, recovered
    nonce         NUMERIC(78) NOT NULL CHECK (nonce >= 0),
    expiry        BIGINT      NOT NULL CHECK (expiry > 0),                       -- unix seconds
    status        TEXT        NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'proposed', 'filled', 'expired', 'cancelled')),
    body          JSONB       NOT NULL CHECK (jsonb_typeof(body) = 'object'),    -- the offer, protocol JSON
    signature     TEXT        NOT NULL CHECK (signature ~ '^0x[0-9a-f]{130}$'),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- replay protection: a signer's nonce is used once, whatever the offer
    CONSTRAINT solver_job_offer_signer_nonce UNIQUE (signer, nonce)
);
CREATE INDEX solver_job_offer_open ON solver_job_offer (seq) WHERE status = 'open';

CREATE TABLE solver_resource_offer (
    id            TEXT        PRIMARY KEY CHECK (id ~ '^0x[0-9a-f]{64}$'),
    seq           BIGSERIAL   NOT NULL UNIQUE,
    signer        TEXT        NOT NULL CHECK (signer ~ '^0x[0-9a-f]{40}$'),      -- offer.node, recovered
    nonce         NUMERIC(78) NOT NULL CHECK (nonce >= 0),
    expiry        BIGINT      NOT NULL CHECK (expiry > 0),
    status        TEXT        NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'proposed', 'filled', 'expired', 'cancelled')),
    body          JSONB       NOT NULL CHECK (jsonb_typeof(body) = 'object'),
    signature     TEXT        NOT NULL CHECK (signature ~ '^0x[0-9a-f]{130}$'),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT solver_resource_offer_signer_nonce UNIQUE (signer, nonce)
);
CREATE INDEX solver_resource_offer_open ON solver_resource_offer (seq) WHERE status = 'open';

-- A deal proposed by the matcher. proposed -> relaying (both signatures) -> agreed (DealAgreed
-- seen) | failed (relay reverted); proposed -> expired (no two signatures by the deadline).
CREATE TABLE solver_deal (
    deal_id            TEXT        PRIMARY KEY CHECK (deal_id ~ '^0x[0-9a-f]{64}$'),
    job_offer_id       TEXT        NOT NULL REFERENCES solver_job_offer (id),
    resource_offer_id  TEXT        NOT NULL REFERENCES solver_resource_offer (id),
    client             TEXT        NOT NULL CHECK (client ~ '^0x[0-9a-f]{40}$'),
    node               TEXT        NOT NULL CHECK (node ~ '^0x[0-9a-f]{40}$'),
    terms              JSONB       NOT NULL CHECK (jsonb_typeof(terms) = 'object'),   -- the Deal, protocol JSON
    agree_deadline     BIGINT      NOT NULL CHECK (agree_deadline > 0),               -- on-chain deadline
    expires_at         BIGINT      NOT NULL CHECK (expires_at > 0 AND expires_at <= agree_deadline),
    status             TEXT        NOT NULL DEFAULT 'proposed'
        CHECK (status IN ('proposed', 'relaying', 'agreed', 'failed', 'expired')),
    client_sig         TEXT        CHECK (client_sig ~ '^0x[0-9a-f]{130}$'),
    node_sig           TEXT        CHECK (node_sig ~ '^0x[0-9a-f]{130}$'),
    tx_intent_key      TEXT        UNIQUE,                                            -- "agree:" || deal_id
    tx_hash            TEXT        CHECK (tx_hash ~ '^0x[0-9a-f]{64}$'),
    agreed_block       BIGINT,
    agreed_block_hash  TEXT,
    error              TEXT,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- the relay starts only with both signatures
    CONSTRAINT solver_deal_relay_needs_sigs CHECK (
        status <> 'relaying' OR (client_sig IS NOT NULL AND node_sig IS NOT NULL AND tx_intent_key IS NOT NULL)),
    CONSTRAINT solver_deal_failed_has_error CHECK (status <> 'failed' OR error IS NOT NULL),
    CONSTRAINT solver_deal_agreed_has_block CHECK (status <> 'agreed' OR agreed_block IS NOT NULL)
);
CREATE INDEX solver_deal_client ON solver_deal (client, status);
CREATE INDEX solver_deal_node ON solver_deal (node, status);
CREATE INDEX solver_deal_status ON solver_deal (status, expires_at);
-- an offer is in at most one pending (proposed or relaying) deal at a time. 'agreed' is left out:
-- the chain is the truth, and a deal the parties agreed themselves (agree()) must always be recordable.
CREATE UNIQUE INDEX solver_deal_pending_job ON solver_deal (job_offer_id) WHERE status IN ('proposed', 'relaying');
CREATE UNIQUE INDEX solver_deal_pending_resource ON solver_deal (resource_offer_id) WHERE status IN ('proposed', 'relaying');
