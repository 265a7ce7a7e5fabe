package io.pactum.protocol.deal;

import io.pactum.protocol.crypto.Signature;
import java.util.Objects;

/** A resource offer with its node's EIP-712 signature, as posted to the solver. */
public record SignedResourceOffer(ResourceOffer offer, Signature signature) {
    public SignedResourceOffer {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(signature, "signature");
    }
}
