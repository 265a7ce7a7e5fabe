package io.pactum.cli.config;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.EthKey;
import org.web3j.crypto.Credentials;

/**
 * The client's key in the two forms the client needs: {@link EthKey} for EIP-712 signatures of
 * offers and deals, web3j {@link Credentials} for its own transactions. Never printed.
 */
public final class Signer {
    private final EthKey key;
    private final Credentials credentials;

    private Signer(EthKey key) {
        this.key = key;
        this.credentials = Credentials.create(key.privateKeyHex());
    }

    public static Signer of(EthKey key) {
        return new Signer(key);
    }

    public EthKey key() {
        return key;
    }

    public Credentials credentials() {
        return credentials;
    }

    public Address address() {
        return key.address();
    }

    @Override
    public String toString() {
        return "Signer[" + key.address() + "]";
    }
}
