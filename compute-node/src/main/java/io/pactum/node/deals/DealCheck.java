package io.pactum.node.deals;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.deal.ResourceOffer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Whether the node may sign a proposed {@link Deal}: pure rules comparing it with the node's own signed
 * {@link ResourceOffer}, the clock and the node's free balance in the vault. The node signs only what it
 * offered; anything else (a solver bug, a hostile solver) is refused with the rules it breaks.
 */
public final class DealCheck {

    /** A deal must leave at least this many seconds before its agree deadline to be worth signing. */
    public static final long MIN_SECONDS_TO_AGREE = 5;

    private DealCheck() {}

    /**
     * @param self the node's address
     * @param offer the node's stored offer whose id the deal names (null when the node has none)
     * @param nowSeconds chain (or wall) time in unix seconds
     * @param freeBalance the node's free balance in the vault
     * @param reserved collateral the node already promised to deals it signed that are not agreed yet
     * @param wallTimeSeconds the node's wall-time limit per job: the result timeout must leave room for it
     * @return the broken rules; empty when the node may sign
     */
    public static List<String> violations(
            Deal deal,
            Address self,
            ResourceOffer offer,
            long nowSeconds,
            BigInteger freeBalance,
            BigInteger reserved,
            long wallTimeSeconds) {
        List<String> v = new ArrayList<>();
        if (!deal.node().equals(self)) {
            v.add("node is " + deal.node() + ", not this node " + self);
        }
        if (offer == null) {
            v.add("resourceOfferId " + deal.resourceOfferId() + " is not an offer of this node");
            return v;
        }
        if (!deal.resourceOfferId().equals(offer.id())) {
            v.add("resourceOfferId " + deal.resourceOfferId() + " does not match the offer " + offer.id());
        }
        if (!offer.node().equals(self)) {
            v.add("the stored offer belongs to " + offer.node());
        }
        if (deal.jobSpecCid().length() == 0) {
            v.add("jobSpecCid is empty");
        }
        if (deal.maxFuel() <= 0 || deal.maxFuel() > offer.maxFuel()) {
            v.add("maxFuel " + deal.maxFuel() + " is not within 1.." + offer.maxFuel());
        }
        if (offer.pricePerFuel().signum() == 0) {
            if (deal.pricePerFuel().signum() != 0) {
                v.add("pricePerFuel " + deal.pricePerFuel() + " but the offer is at a fixed price");
            }
            if (deal.price().compareTo(offer.price()) < 0) {
                v.add("price " + deal.price() + " is below the offered " + offer.price());
            }
        } else {
            if (deal.pricePerFuel().compareTo(offer.pricePerFuel()) < 0) {
                v.add("pricePerFuel " + deal.pricePerFuel() + " is below the offered " + offer.pricePerFuel());
            }
            if (deal.price().compareTo(offer.price()) < 0) {
                v.add("price cap " + deal.price() + " is below the offered minimum " + offer.price());
            }
        }
        if (deal.nodeCollateral().compareTo(offer.nodeCollateral()) > 0) {
            v.add("nodeCollateral " + deal.nodeCollateral() + " is above the offered " + offer.nodeCollateral());
        }
        BigInteger maxCheating = deal.price().multiply(BigInteger.valueOf(offer.cheatingMultiplier()));
        if (deal.cheatingCollateral().compareTo(maxCheating) > 0) {
            v.add("cheatingCollateral " + deal.cheatingCollateral() + " is above " + offer.cheatingMultiplier()
                    + " x price = " + maxCheating);
        }
        if (!new HashSet<>(offer.mediators()).containsAll(deal.mediators())) {
            v.add("mediators " + deal.mediators() + " are not all among the offered " + offer.mediators());
        }
        if (deal.agreeDeadline() < nowSeconds + MIN_SECONDS_TO_AGREE) {
            v.add("agreeDeadline " + deal.agreeDeadline() + " is past or too close (now " + nowSeconds + ")");
        }
        if (deal.resultTimeout() <= wallTimeSeconds) {
            v.add("resultTimeout " + deal.resultTimeout() + " s leaves no room for the node's wall time of "
                    + wallTimeSeconds + " s");
        }
        BigInteger needed = deal.nodeCollateral().add(reserved);
        if (freeBalance.compareTo(needed) < 0) {
            v.add("free balance " + freeBalance + " is below the collateral needed " + needed);
        }
        return v;
    }
}
