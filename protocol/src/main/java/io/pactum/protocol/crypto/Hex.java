package io.pactum.protocol.crypto;

/**
 * Hexadecimal encoding with the Ethereum convention: a {@code 0x} prefix and lower-case digits on
 * output; strict parsing on input (prefix required, even length, hex digits only).
 */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    /** {@code 0x}-prefixed lower-case hex of {@code bytes} ({@code "0x"} for an empty array). */
    public static String encode(byte[] bytes) {
        return "0x" + encodeNoPrefix(bytes);
    }

    /** Lower-case hex of {@code bytes} without prefix. */
    public static String encodeNoPrefix(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xF];
        }
        return new String(out);
    }

    /**
     * Parses {@code 0x}-prefixed hex (digits of either case).
     *
     * @throws IllegalArgumentException when the prefix is missing, the length is odd or a
     *     character is not a hex digit
     */
    public static byte[] decode(String hex) {
        if (hex == null) {
            throw new IllegalArgumentException("hex string is null");
        }
        if (!hex.startsWith("0x")) {
            throw new IllegalArgumentException("hex string must start with 0x: " + abbreviate(hex));
        }
        int len = hex.length() - 2;
        if (len % 2 != 0) {
            throw new IllegalArgumentException("hex string has an odd number of digits: " + abbreviate(hex));
        }
        byte[] out = new byte[len / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = digit(hex, 2 + 2 * i);
            int lo = digit(hex, 3 + 2 * i);
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    /**
     * Parses {@code 0x}-prefixed hex of exactly {@code expectedBytes} bytes.
     *
     * @throws IllegalArgumentException as {@link #decode(String)}, or on a length mismatch
     */
    public static byte[] decode(String hex, int expectedBytes) {
        byte[] out = decode(hex);
        if (out.length != expectedBytes) {
            throw new IllegalArgumentException(
                    "expected " + expectedBytes + " bytes of hex, got " + out.length + ": " + abbreviate(hex));
        }
        return out;
    }

    private static int digit(String s, int index) {
        char c = s.charAt(index);
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        throw new IllegalArgumentException(
                "invalid hex character '" + c + "' at index " + index + ": " + abbreviate(s));
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
