package io.pactum.node.solver;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.deal.ResourceOffer;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Port: the part of the solver's REST API the node uses (docs/api.md). */
public interface SolverClient {

    /**
     * {@code POST /v1/resource-offers}.
     *
     * @return the status the solver gives the offer ("open")
     * @throws SolverRejectedException on a 4xx: the solver will never take these bytes
     * @throws IOException on a transport problem or a 5xx: worth retrying with the same bytes
     */
    String postResourceOffer(ResourceOffer offer, Signature signature) throws IOException, SolverRejectedException;

    /** {@code GET /v1/resource-offers/{id}} → its status, or empty when the solver does not know it. */
    Optional<String> resourceOfferStatus(Bytes32 offerId) throws IOException;

    /**
     * {@code GET /v1/resource-offers/{id}} → the offer with its signature, or empty when the solver
     * does not know it (or it is not a resource offer).
     */
    Optional<SignedOffer> resourceOffer(Bytes32 offerId) throws IOException;

    /** {@code GET /v1/deals?party=<party>&status=proposed}. */
    List<DealView> proposedDeals(Address party) throws IOException;

    /** {@code POST /v1/deals/{dealId}/signatures}. */
    DealView postDealSignature(Bytes32 dealId, Signature signature) throws IOException, SolverRejectedException;

    /** A resource offer as the solver holds it. */
    record SignedOffer(ResourceOffer offer, Signature signature, String status) {}

    /** The solver's {@code DealView}, the fields the node reads. */
    record DealView(Bytes32 dealId, Deal deal, String status, boolean clientSigned, boolean nodeSigned) {}

    /** A 4xx answer: {@code {"error","message","field"}}. */
    final class SolverRejectedException extends Exception {
        private final int httpStatus;
        private final String code;

        public SolverRejectedException(int httpStatus, String code, String message) {
            super(httpStatus + " " + code + ": " + message);
            this.httpStatus = httpStatus;
            this.code = code;
        }

        public int httpStatus() {
            return httpStatus;
        }

        public String code() {
            return code;
        }
    }
}
