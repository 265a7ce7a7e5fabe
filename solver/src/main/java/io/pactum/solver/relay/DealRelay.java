package io.pactum.solver.relay;

import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.deal.Deal;
import java.util.Optional;

/**
 * Port: sends {@code agreeBySig(deal, clientSig, nodeSig)} through a durable transaction manager
 * and reports how it went. {@link #submit} is idempotent on {@code key}: calling it again (after a
 * crash, on every watcher tick) never sends a second transaction.
 */
public interface DealRelay {

    void submit(String key, Deal deal, Signature clientSig, Signature nodeSig) throws Exception;

    /** The state of the relay for {@code key}; empty if it was never submitted. */
    Optional<RelayStatus> status(String key) throws Exception;

    /**
     * The on-chain phase of {@code dealId} ({@code DealPhase} ordinal), to decide from contract
     * state (W6) when a relay reverted; empty if unknown (no chain).
     */
    Optional<Integer> phase(String dealId) throws Exception;

    record RelayStatus(State state, String txHash, String error) {
        public enum State { PENDING, CONFIRMED, REVERTED, FAILED }
    }
}
