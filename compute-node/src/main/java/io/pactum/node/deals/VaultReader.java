package io.pactum.node.deals;

import io.pactum.protocol.crypto.Address;
import java.io.IOException;
import java.math.BigInteger;

/**
 * Port: the node's free balance in the CollateralVault, in the deals' token (what it can still lock).
 * Collateral promised in signatures not yet agreed is taken off by the {@link DealLoop}
 * ({@link CollateralReservations}).
 */
@FunctionalInterface
public interface VaultReader {
    BigInteger freeBalance(Address account) throws IOException;
}
