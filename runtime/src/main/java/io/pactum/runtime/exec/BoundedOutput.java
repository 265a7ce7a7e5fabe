package io.pactum.runtime.exec;

import java.util.Arrays;

/** An append-only byte buffer with a cap: either it refuses what goes beyond (stdout) or drops it (stderr). */
final class BoundedOutput {

    private final int cap;
    private final boolean failWhenFull;
    private byte[] buf = new byte[256];
    private int size;
    private long dropped;

    /**
     * @param cap bytes kept at most
     * @param failWhenFull true: a write that does not fit keeps what fits and throws the output limit;
     *     false: what does not fit is dropped silently
     */
    BoundedOutput(long cap, boolean failWhenFull) {
        this.cap = (int) cap;
        this.failWhenFull = failWhenFull;
    }

    void write(byte[] data, int off, int len) {
        int room = cap - size;
        int n = Math.min(room, len);
        if (n > 0) {
            ensure(size + n);
            System.arraycopy(data, off, buf, size, n);
            size += n;
        }
        if (n < len) {
            if (failWhenFull) {
                throw JobStop.outputLimit(cap);
            }
            dropped += len - n;
        }
    }

    private void ensure(int needed) {
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(cap, Math.max(needed, (long) buf.length * 2)));
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    long dropped() {
        return dropped;
    }
}
