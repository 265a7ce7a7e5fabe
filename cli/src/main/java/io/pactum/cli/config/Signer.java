package io.pactum.cli.config;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.EthKey;

/**
 * The client's key: {@link EthKey} signs offers and deals (EIP-712) and, through the chain
 * module's {@code DirectSender}, the client's own transactions. Never printed.
 */
public final class Signer {
    private final EthKey key;

    private Signer(EthKey key) {
        this.key = key;
    }

    public static Signer of(EthKey key) {
        return new Signer(key);
    }

    public EthKey key() {
        return key;
    }

    public Address address() {
        return key.address();
    }

    @Override
    public String toString() {
        return "Signer[" + key.address() + "]";
    }
}
