package io.pactum.protocol.cid;

import java.io.ByteArrayOutputStream;

/** Unsigned LEB128 varints (multiformats and protobuf). */
final class Varint {
    private Varint() {}

    static void write(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    static int size(long value) {
        int n = 1;
        while ((value & ~0x7FL) != 0) {
            n++;
            value >>>= 7;
        }
        return n;
    }

    /** A cursor over a byte array for reading varints and length-delimited fields. */
    static final class Reader {
        final byte[] data;
        int pos;
        final int end;

        Reader(byte[] data, int pos, int end) {
            this.data = data;
            this.pos = pos;
            this.end = end;
        }

        boolean hasMore() {
            return pos < end;
        }

        long varint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new IllegalArgumentException("truncated varint");
                }
                int b = data[pos++] & 0xFF;
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    if (b == 0 && shift > 0) {
                        throw new IllegalArgumentException("varint is not minimally encoded");
                    }
                    return result;
                }
            }
            throw new IllegalArgumentException("varint too long");
        }

        byte[] bytes(int length) {
            if (length < 0 || length > end - pos) {
                throw new IllegalArgumentException("truncated field: need " + length + " bytes, have " + (end - pos));
            }
            byte[] out = java.util.Arrays.copyOfRange(data, pos, pos + length);
            pos += length;
            return out;
        }

        byte[] lengthDelimited() {
            long len = varint();
            if (len > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("field too long");
            }
            return bytes((int) len);
        }
    }
}
