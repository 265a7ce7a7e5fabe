package io.pactum.protocol.crypto;

import fr.acinq.secp256k1.Secp256k1;

/** The native libsecp256k1 binding, loaded once. */
final class Secp256k1s {
    static final Secp256k1 NATIVE = Secp256k1.get();

    private Secp256k1s() {}
}
