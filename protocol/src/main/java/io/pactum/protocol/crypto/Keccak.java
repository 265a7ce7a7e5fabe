package io.pactum.protocol.crypto;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** Keccak-256 as used by Ethereum (the original Keccak padding, not SHA3-256). */
public final class Keccak {
    private Keccak() {}

    /** keccak256 of {@code input}: 32 bytes. */
    public static byte[] keccak256(byte[] input) {
        return keccak256(input, 0, input.length);
    }

    /** keccak256 of {@code input[offset, offset+length)}. */
    public static byte[] keccak256(byte[] input, int offset, int length) {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(input, offset, length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    /** keccak256 of the concatenation of {@code parts}, without copying them together. */
    public static byte[] keccak256(byte[]... parts) {
        KeccakDigest digest = new KeccakDigest(256);
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }
}
