package io.pactum.node.deals;

import java.io.IOException;
import java.util.Optional;

/** Port: a job spec's bytes from the node's own content store (where the client uploads it), by CID. */
@FunctionalInterface
public interface SpecSource {
    /** The bytes, or empty when the node's own store does not hold them. */
    Optional<byte[]> get(String cid) throws IOException;
}
