package io.pactum.protocol.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A secp256k1 private key with its Ethereum address. Signing goes through native libsecp256k1
 * (deterministic RFC 6979 nonces; the signature is always low-s). {@link #toString()} never shows
 * the key.
 */
public final class EthKey {
    private final byte[] privateKey;
    private final byte[] publicKey;
    private final Address address;

    private EthKey(byte[] privateKey) {
        if (privateKey.length != 32 || !Secp256k1s.NATIVE.secKeyVerify(privateKey)) {
            throw new IllegalArgumentException("not a valid secp256k1 private key (must be 32 bytes in [1, n-1])");
        }
        this.privateKey = privateKey;
        this.publicKey = Secp256k1s.NATIVE.pubkeyCreate(privateKey);
        this.address = Address.fromPublicKey(publicKey);
    }

    /** A key from its 32 bytes (copied). */
    public static EthKey fromBytes(byte[] privateKey) {
        return new EthKey(privateKey.clone());
    }

    /** A key from {@code 0x} + 64 hex digits. */
    public static EthKey fromHex(String hex) {
        return new EthKey(Hex.decode(hex, 32));
    }

    /** A fresh random key. */
    public static EthKey generate(SecureRandom random) {
        byte[] candidate = new byte[32];
        while (true) {
            random.nextBytes(candidate);
            BigInteger k = new BigInteger(1, candidate);
            if (k.signum() > 0 && k.compareTo(Signature.N) < 0) {
                return new EthKey(candidate);
            }
        }
    }

    public Address address() {
        return address;
    }

    /** The uncompressed public key, 65 bytes {@code 0x04 ‖ x ‖ y}. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The private key, {@code 0x}-hex. Handle with care. */
    public String privateKeyHex() {
        return Hex.encode(privateKey);
    }

    /**
     * Signs a 32-byte digest (e.g. an EIP-712 digest; no prefix is added). The result is low-s and
     * its {@code v} recovers this key's address.
     */
    public Signature sign(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("a digest has 32 bytes, got " + digest.length);
        }
        byte[] compact = Secp256k1s.NATIVE.sign(digest, privateKey, null);
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(compact, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(compact, 32, 64));
        if (s.compareTo(Signature.HALF_N) > 0) { // libsecp256k1 signs low-s; keep the guarantee explicit
            s = Signature.N.subtract(s);
            compact = new Signature(r, s, 27).compact();
        }
        for (int recId = 0; recId <= 1; recId++) {
            byte[] recovered = Signatures.recoverPublicKey(compact, digest, recId);
            if (recovered != null && Arrays.equals(recovered, publicKey)) {
                return new Signature(r, s, 27 + recId);
            }
        }
        throw new IllegalStateException("could not find the recovery id of a fresh signature");
    }

    @Override
    public String toString() {
        return "EthKey[" + address + "]";
    }
}
