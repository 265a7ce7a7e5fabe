package io.pactum.protocol.cid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Deterministic pseudo-random test files: SplitMix64 from {@code seed}, each output little-endian.
 * {@code main(dir)} writes the files whose CIDs the tests embed, for checking with Debian's
 * {@code ipfs_cid} (Kubo-identical CIDv0: 256 KiB chunks, 174 links, dag-pb leaves).
 */
public final class TestData {
    public static final int MIB = 1024 * 1024;

    private TestData() {}

    public static byte[] pseudoRandom(long seed, int size) {
        byte[] out = new byte[size];
        long state = seed;
        for (int i = 0; i < size; i += 8) {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
            for (int j = 0; j < 8 && i + j < size; j++) {
                out[i + j] = (byte) (z >>> (8 * j));
            }
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (int mib : new int[] {1, 5, 50}) {
            Files.write(dir.resolve("random-" + mib + "mib.bin"), pseudoRandom(mib, mib * MIB));
        }
        // A tree of depth 3 with 256 KiB chunks needs > 174 * 174 chunks (7.4 GiB): instead use small
        // chunks (see UnixFsImporterTest); these sizes cover 1, 2 and 2-level trees.
        Files.write(dir.resolve("random-44mib-plus1.bin"), pseudoRandom(44, 174 * 256 * 1024 + 1));
        Files.write(dir.resolve("random-exact-174-chunks.bin"), pseudoRandom(174, 174 * 256 * 1024));
        Files.write(dir.resolve("random-256kib.bin"), pseudoRandom(256, 256 * 1024));
    }
}
