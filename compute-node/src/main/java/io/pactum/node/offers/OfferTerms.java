package io.pactum.node.offers;

import io.pactum.protocol.crypto.Address;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the node offers (immutable core form of {@code pactum.node.offer.*}).
 *
 * @param maxFuel most fuel one job may use (already capped by the node's hard limit)
 * @param mediators acceptable mediators, kept sorted ascending without duplicates (as the contract wants)
 */
public record OfferTerms(
        long cpuMillis,
        long memoryMiB,
        long maxFuel,
        BigInteger price,
        BigInteger pricePerFuel,
        BigInteger nodeCollateral,
        long cheatingMultiplier,
        List<Address> mediators,
        Duration validity) {

    public OfferTerms {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(pricePerFuel, "pricePerFuel");
        Objects.requireNonNull(nodeCollateral, "nodeCollateral");
        Objects.requireNonNull(validity, "validity");
        if (cpuMillis <= 0 || memoryMiB <= 0 || maxFuel <= 0) {
            throw new IllegalArgumentException("cpuMillis, memoryMiB and maxFuel must be positive");
        }
        if (price.signum() < 0 || pricePerFuel.signum() < 0 || nodeCollateral.signum() < 0 || cheatingMultiplier < 0) {
            throw new IllegalArgumentException("prices, collateral and multiplier must not be negative");
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive");
        }
        mediators = mediators.stream().distinct().sorted().toList();
    }
}
