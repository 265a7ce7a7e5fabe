package io.pactum.protocol.crypto;

/** Public-key recovery from Ethereum signatures, with the same rules as OpenZeppelin's ECDSA. */
public final class Signatures {
    private Signatures() {}

    /**
     * The address whose key produced {@code signature} over the 32-byte {@code digest}.
     *
     * @throws IllegalArgumentException when the digest is not 32 bytes, the signature is high-s
     *     (malleable; rejected like OpenZeppelin's {@code ECDSA.recover}) or nothing can be
     *     recovered from it
     */
    public static Address recover(byte[] digest, Signature signature) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("a digest has 32 bytes, got " + digest.length);
        }
        if (!signature.isLowS()) {
            throw new IllegalArgumentException("signature s is in the upper half of the curve order (malleable)");
        }
        byte[] pub = recoverPublicKey(signature.compact(), digest, signature.recoveryId());
        if (pub == null) {
            throw new IllegalArgumentException("no public key can be recovered from the signature");
        }
        return Address.fromPublicKey(pub);
    }

    /** Recovers from the 65-byte form; {@code v} must be 27 or 28 (or 0/1). */
    public static Address recover(byte[] digest, byte[] signature65) {
        return recover(digest, Signature.fromBytes(signature65));
    }

    /** Whether {@code signature} over {@code digest} is valid and recovers to {@code expected}. */
    public static boolean verify(byte[] digest, Signature signature, Address expected) {
        try {
            return recover(digest, signature).equals(expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The 65-byte uncompressed public key, or null if recovery fails. */
    static byte[] recoverPublicKey(byte[] compact, byte[] digest, int recId) {
        try {
            return Secp256k1s.NATIVE.ecdsaRecover(compact, digest, recId);
        } catch (RuntimeException e) { // Secp256k1Exception on an invalid signature
            return null;
        }
    }
}
