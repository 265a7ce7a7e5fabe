-- pactum compute-node: the node's own signed resource offers (io.pactum.node.offers).
-- An offer is signed and stored BEFORE it is posted, so a crash between the two re-posts the same
-- bytes (same nonce, same signature) instead of signing a second offer.

CREATE TABLE node_offer (
    offer_id      TEXT        PRIMARY KEY CHECK (offer_id ~ '^0x[0-9a-f]{64}$'), -- resourceOfferId (EIP-712 struct hash)
    node_address  TEXT        NOT NULL CHECK (node_address ~ '^0x[0-9a-f]{40}$'),
    nonce         NUMERIC(78) NOT NULL CHECK (nonce >= 0),
    offer_json    TEXT        NOT NULL,                                    -- ResourceOffer, ProtocolJson
    signature     TEXT        NOT NULL CHECK (signature ~ '^0x[0-9a-f]{130}$'),
    expiry        BIGINT      NOT NULL CHECK (expiry > 0),                  -- unix seconds, as signed
    -- signed: stored, not yet accepted by the solver; open: the solver holds it;
    -- proposed / filled: the solver matched it; expired / cancelled / rejected: no longer usable
    status        TEXT        NOT NULL DEFAULT 'signed'
        CHECK (status IN ('signed', 'open', 'proposed', 'filled', 'expired', 'cancelled', 'rejected')),
    error         TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (node_address, nonce),
    CHECK (status <> 'rejected' OR error IS NOT NULL)
);
CREATE INDEX node_offer_live ON node_offer (node_address, status) WHERE status IN ('signed', 'open', 'proposed');

-- Every deal the node signed, at most one per offer (an offer is capacity for one job).
-- Written before the signature is posted: a re-run posts the same signature again (idempotent).
CREATE TABLE node_deal_signature (
    deal_id       TEXT        PRIMARY KEY CHECK (deal_id ~ '^0x[0-9a-f]{64}$'),
    offer_id      TEXT        NOT NULL UNIQUE REFERENCES node_offer (offer_id),
    deal_json     TEXT        NOT NULL,                                    -- Deal, ProtocolJson
    signature     TEXT        NOT NULL CHECK (signature ~ '^0x[0-9a-f]{130}$'),
    posted        BOOLEAN     NOT NULL DEFAULT FALSE,                      -- the solver acknowledged it
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Proposals the node refused, with the reason (so it does not re-check them every tick).
CREATE TABLE node_deal_rejection (
    deal_id       TEXT        PRIMARY KEY CHECK (deal_id ~ '^0x[0-9a-f]{64}$'),
    reason        TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
