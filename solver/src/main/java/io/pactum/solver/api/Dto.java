package io.pactum.solver.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.deal.JobOffer;
import io.pactum.protocol.deal.ResourceOffer;

/** Request and response bodies of the solver's REST API (docs/api.md). */
public final class Dto {
    private Dto() {}

    /** {@code POST /v1/job-offers}. */
    public record JobOfferSubmission(JobOffer offer, Signature signature) {}

    /** {@code POST /v1/resource-offers}. */
    public record ResourceOfferSubmission(ResourceOffer offer, Signature signature) {}

    /** {@code POST /v1/deals/{dealId}/signatures}. */
    public record SignatureSubmission(Signature signature) {}

    /** Answer to an offer submission. */
    public record Submitted(String id, String status) {}

    /** {@code GET /v1/job-offers/{id}}, {@code GET /v1/resource-offers/{id}}. */
    public record OfferView(String id, JsonNode offer, String signature, String status) {}

    /** A deal as the solver sees it. */
    public record DealView(
            String dealId,
            JsonNode deal,
            String status,
            boolean clientSigned,
            boolean nodeSigned,
            String txHash,
            String error) {}
}
