package io.pactum.node.deals;

import io.pactum.protocol.crypto.Address;
import java.io.IOException;
import java.math.BigInteger;

/** Port: the node's free balance in the CollateralVault (what it can still lock). */
@FunctionalInterface
public interface VaultReader {
    BigInteger freeBalance(Address account) throws IOException;
}
