package io.pactum.node.deals;

import io.pactum.protocol.deal.Deal;
import java.math.BigInteger;
import java.util.Collection;

/**
 * Collateral the node has promised but the vault does not show as locked yet: the node timeout
 * collateral of every deal it signed that is neither agreed on-chain (then the vault has locked it, and
 * it is out of the free balance) nor past its agree deadline (then it can no longer be agreed).
 *
 * <p>What the node may still promise is {@code freeBalance - reserved} ({@link DealCheck} refuses a deal
 * when {@code freeBalance < nodeCollateral + reserved}): two signatures in flight must
 * not count the same free tokens twice, or the second agreement would fail on-chain after the client
 * has waited for it. Conservative by design: a deal agreed on-chain but not yet seen by the node's log
 * poller counts both as locked and as reserved for a moment.
 */
public final class CollateralReservations {

    /**
     * Seconds past its agree deadline a signed deal still counts: the loop's clock is the node's wall
     * clock, the contract's is the block timestamp, and the two may differ by this much.
     */
    public static final long CLOCK_SKEW_SECONDS = 60;

    private CollateralReservations() {}

    /** The earliest agree deadline a signed deal may have and still count at {@code nowSeconds}. */
    public static long minLiveAgreeDeadline(long nowSeconds) {
        return nowSeconds - CLOCK_SKEW_SECONDS;
    }

    /**
     * @param signedNotAgreed deals the node signed and has not seen agreed on-chain
     * @return the sum of their node collateral, counting only deals that may still be agreed
     */
    public static BigInteger reserved(Collection<Deal> signedNotAgreed, long nowSeconds) {
        long min = minLiveAgreeDeadline(nowSeconds);
        BigInteger sum = BigInteger.ZERO;
        for (Deal d : signedNotAgreed) {
            if (d.agreeDeadline() >= min) {
                sum = sum.add(d.nodeCollateral());
            }
        }
        return sum;
    }
}
