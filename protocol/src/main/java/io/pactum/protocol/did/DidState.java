package io.pactum.protocol.did;

import io.pactum.protocol.crypto.Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code DIDRegistry} holds for one DID, as read from the chain: the controller, the 16-bit
 * capability bitmask, the delegation epoch, creation time, up to 8 verification methods and the
 * optional service endpoint.
 */
public record DidState(
        Did did,
        Address controller,
        int capabilities,
        long delegationEpoch,
        long createdAt,
        List<Method> methods,
        Optional<String> service) {
    /** The contract's bound on verification methods. */
    public static final int MAX_METHODS = 8;

    public DidState {
        Objects.requireNonNull(did, "did");
        Objects.requireNonNull(controller, "controller");
        Objects.requireNonNull(service, "service");
        if (capabilities < 0 || capabilities > 0xffff) {
            throw new IllegalArgumentException("capabilities must fit 16 bits");
        }
        methods = List.copyOf(methods);
        if (methods.size() > MAX_METHODS) {
            throw new IllegalArgumentException("more than " + MAX_METHODS + " verification methods");
        }
    }

    /** A verification method: a secp256k1 account and its purpose bits. */
    public record Method(Address account, int purposes) {
        public Method {
            Objects.requireNonNull(account, "account");
            Purpose.of(purposes); // validates
        }
    }
}
