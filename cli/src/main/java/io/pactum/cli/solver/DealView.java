package io.pactum.cli.solver;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.deal.Deal;

/**
 * The solver's view of a proposed or agreed deal ({@code docs/api.md}). Unknown fields of the
 * view are ignored (newer solvers may add some); the {@link Deal} inside is parsed strictly.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DealView(
        Bytes32 dealId,
        Deal deal,
        String status,
        boolean clientSigned,
        boolean nodeSigned,
        String txHash,
        String error) {}
