package io.pactum.protocol.did;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves {@code did:pactum} DIDs of one chain to DID documents: parses and checks the DID,
 * reads the state through a {@link DidReader} and builds the document with {@link DidDocuments}.
 * Pure apart from the reader; the REST adapter maps the outcomes to 200 / 400 / 404.
 */
public final class DidResolver {
    private final long chainId;
    private final DidReader reader;

    public DidResolver(long chainId, DidReader reader) {
        this.chainId = chainId;
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /** The outcome of resolving one DID. */
    public sealed interface Resolution {
        /** The text is not a did:pactum DID of this resolver's chain; {@code reason} says why. */
        record Invalid(String reason) implements Resolution {}

        /** Well formed, but the registry has no such DID. */
        record NotFound(Did did) implements Resolution {}

        record Found(Did did, ObjectNode document) implements Resolution {}
    }

    public Resolution resolve(String text) throws IOException {
        Did did;
        try {
            did = Did.parse(text);
        } catch (IllegalArgumentException e) {
            return new Resolution.Invalid(e.getMessage());
        }
        if (did.chainId() != chainId) {
            return new Resolution.Invalid("DID of chain " + did.chainId() + ", this resolver serves chain " + chainId);
        }
        Optional<DidState> state = reader.read(did);
        return state.<Resolution>map(s -> new Resolution.Found(did, DidDocuments.document(s)))
                .orElseGet(() -> new Resolution.NotFound(did));
    }
}
