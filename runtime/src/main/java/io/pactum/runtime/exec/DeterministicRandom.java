package io.pactum.runtime.exec;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The byte stream behind WASI {@code random_get}: SHA-256(seed ‖ counter) blocks, both as big-endian
 * 64-bit integers. Specified by this comment, not by a JDK class, so every JVM gives the same bytes.
 */
final class DeterministicRandom {

    private final long seed;
    private final MessageDigest sha256;
    private long counter;
    private byte[] block = new byte[0];
    private int used;

    DeterministicRandom(long seed) {
        this.seed = seed;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    void nextBytes(byte[] out) {
        for (int i = 0; i < out.length; i++) {
            if (used == block.length) {
                block = sha256.digest(ByteBuffer.allocate(16).putLong(seed).putLong(counter++).array());
                used = 0;
            }
            out[i] = block[used++];
        }
    }
}
