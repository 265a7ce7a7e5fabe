package io.pactum.protocol.deal;

import io.pactum.protocol.crypto.Signature;
import java.util.Objects;

/** A job offer with its client's EIP-712 signature, as posted to the solver. */
public record SignedJobOffer(JobOffer offer, Signature signature) {
    public SignedJobOffer {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(signature, "signature");
    }
}
