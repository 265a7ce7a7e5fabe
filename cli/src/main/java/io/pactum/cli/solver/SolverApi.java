package io.pactum.cli.solver;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.deal.JobOffer;
import java.util.List;

/** The solver's REST API as the client uses it ({@code docs/api.md}). */
public interface SolverApi {
    /** {@code POST /v1/job-offers}; the solver's id of the offer (its jobOfferId). */
    Bytes32 postJobOffer(JobOffer offer, Signature signature);

    /** {@code GET /v1/deals?party=…&status=proposed}. */
    List<DealView> proposedDeals(Address party);

    /** {@code GET /v1/deals/{dealId}}. */
    DealView deal(Bytes32 dealId);

    /** {@code POST /v1/deals/{dealId}/signatures}. */
    DealView signDeal(Bytes32 dealId, Signature signature);
}
