package io.pactum.protocol.did;

import java.io.IOException;
import java.util.Optional;

/** Port: reads a DID's on-chain state ({@code chain/} implements it over {@code DIDRegistry}). */
@FunctionalInterface
public interface DidReader {
    /** The DID's state, or empty when the registry has no such DID. */
    Optional<DidState> read(Did did) throws IOException;
}
