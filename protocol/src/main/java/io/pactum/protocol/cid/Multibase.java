package io.pactum.protocol.cid;

import java.math.BigInteger;
import java.util.Arrays;

/** The two multibase alphabets CIDs use here: base32 lower-case (RFC 4648, no padding) and base58btc. */
public final class Multibase {
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger FIFTY_EIGHT = BigInteger.valueOf(58);

    private Multibase() {}

    /** RFC 4648 base32, lower case, without padding. */
    public static String base32Encode(byte[] data) {
        StringBuilder sb = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                sb.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return sb.toString();
    }

    /** Decodes unpadded base32 (either case); trailing bits must be zero. */
    public static byte[] base32Decode(String text) {
        byte[] out = new byte[text.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            int v = BASE32.indexOf(Character.toLowerCase(text.charAt(i)));
            if (v < 0) {
                throw new IllegalArgumentException("invalid base32 character '" + text.charAt(i) + "' at " + i);
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        if (bits >= 5 || (buffer & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("invalid base32 length or trailing bits");
        }
        return out;
    }

    public static String base58Encode(byte[] data) {
        int zeros = 0;
        while (zeros < data.length && data[zeros] == 0) {
            zeros++;
        }
        StringBuilder sb = new StringBuilder();
        BigInteger v = new BigInteger(1, data);
        while (v.signum() > 0) {
            BigInteger[] qr = v.divideAndRemainder(FIFTY_EIGHT);
            sb.append(BASE58.charAt(qr[1].intValue()));
            v = qr[0];
        }
        sb.append("1".repeat(zeros));
        return sb.reverse().toString();
    }

    public static byte[] base58Decode(String text) {
        BigInteger v = BigInteger.ZERO;
        int zeros = 0;
        while (zeros < text.length() && text.charAt(zeros) == '1') {
            zeros++;
        }
        for (int i = 0; i < text.length(); i++) {
            int d = BASE58.indexOf(text.charAt(i));
            if (d < 0) {
                throw new IllegalArgumentException("invalid base58 character '" + text.charAt(i) + "' at " + i);
            }
            v = v.multiply(FIFTY_EIGHT).add(BigInteger.valueOf(d));
        }
        byte[] body = v.signum() == 0 ? new byte[0] : v.toByteArray();
        if (body.length > 0 && body[0] == 0) {
            body = Arrays.copyOfRange(body, 1, body.length);
        }
        byte[] out = new byte[zeros + body.length];
        System.arraycopy(body, 0, out, zeros, body.length);
        return out;
    }
}
