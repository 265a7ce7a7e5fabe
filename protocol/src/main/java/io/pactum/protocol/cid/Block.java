package io.pactum.protocol.cid;

import java.util.Arrays;
import java.util.Objects;

/**
 * A block and its CID. The data array is handed over, not copied (blocks are large): neither the
 * producer nor the consumer may modify it.
 */
public record Block(Cid cid, byte[] data) {
    public Block {
        Objects.requireNonNull(cid, "cid");
        Objects.requireNonNull(data, "data");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Block b && cid.equals(b.cid) && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return cid.hashCode();
    }

    @Override
    public String toString() {
        return "Block[" + cid + ", " + data.length + " bytes]";
    }
}
