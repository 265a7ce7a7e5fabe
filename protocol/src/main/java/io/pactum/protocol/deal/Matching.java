package io.pactum.protocol.deal;

import io.pactum.protocol.crypto.Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Matching of a job offer with a resource offer: a pure function of the two offers and the time.
 * The offers are assumed valid ({@link Validation}); matching decides only whether their terms meet.
 *
 * <p>A {@link Deal} is returned exactly when all of these hold:
 *
 * <ol>
 *   <li><b>Unexpired</b>: {@code now ≤ job.expiry} and {@code now ≤ resource.expiry}.
 *   <li><b>Resources</b>: the node offers at least what is requested: {@code resource.cpuMillis ≥
 *       job.cpuMillis}, {@code resource.memoryMiB ≥ job.memoryMiB}, {@code resource.maxFuel ≥
 *       job.maxFuel}.
 *   <li><b>Price</b>:
 *       <ul>
 *         <li>fixed ({@code resource.pricePerFuel == 0}): {@code resource.price ≤ job.maxPrice};
 *             the deal price is {@code resource.price};
 *         <li>per fuel ({@code resource.pricePerFuel > 0}): the deal price (what the client
 *             locks, the most the node can be paid) is {@code min(job.maxPrice, job.maxFuel ×
 *             resource.pricePerFuel)}; the node is then paid {@code min(price, fuelUsed ×
 *             pricePerFuel)} on chain.
 *       </ul>
 *   <li><b>Mediators</b>: the deal's set is the intersection of both offers' sets, sorted
 *       ascending; it must not be empty.
 *   <li>The deal fits its Solidity types ({@code cheatingCollateral} below 2^256).
 * </ol>
 *
 * The other terms: {@code maxFuel}, {@code clientCollateral}, {@code mediationFee} and the three
 * timeouts come from the job offer; {@code pricePerFuel} and {@code nodeCollateral} from the
 * resource offer; {@code cheatingCollateral = resource.cheatingMultiplier × price}; {@code
 * agreeDeadline = now + agreeWindowSeconds}; {@code jobOfferId} and {@code resourceOfferId} are
 * the offers' struct hashes.
 */
public final class Matching {
    private Matching() {}

    /**
     * @param now unix seconds
     * @param agreeWindowSeconds how long the parties have to agree (&gt; 0)
     */
    public static Optional<Deal> match(JobOffer job, ResourceOffer resource, long now, long agreeWindowSeconds) {
        if (agreeWindowSeconds <= 0) {
            throw new IllegalArgumentException("agreeWindowSeconds must be positive");
        }
        if (!Validation.unexpired(job.expiry(), now) || !Validation.unexpired(resource.expiry(), now)) {
            return Optional.empty();
        }
        if (resource.cpuMillis() < job.cpuMillis()
                || resource.memoryMiB() < job.memoryMiB()
                || resource.maxFuel() < job.maxFuel()) {
            return Optional.empty();
        }
        BigInteger price;
        if (resource.pricePerFuel().signum() == 0) {
            if (resource.price().compareTo(job.maxPrice()) > 0) {
                return Optional.empty();
            }
            price = resource.price();
        } else {
            BigInteger fullFuel = BigInteger.valueOf(job.maxFuel()).multiply(resource.pricePerFuel());
            price = job.maxPrice().min(fullFuel);
        }
        List<Address> mediators = intersection(job.mediators(), resource.mediators());
        if (mediators.isEmpty()) {
            return Optional.empty();
        }
        BigInteger cheatingCollateral = price.multiply(BigInteger.valueOf(resource.cheatingMultiplier()));
        if (cheatingCollateral.compareTo(SolidityTypes.UINT256_MAX) > 0) {
            return Optional.empty();
        }
        return Optional.of(new Deal(
                job.client(),
                resource.node(),
                job.id(),
                resource.id(),
                job.jobSpecCid(),
                job.maxFuel(),
                price,
                resource.pricePerFuel(),
                job.clientCollateral(),
                resource.nodeCollateral(),
                cheatingCollateral,
                job.mediationFee(),
                mediators,
                Math.addExact(now, agreeWindowSeconds),
                job.resultTimeout(),
                job.judgeTimeout(),
                job.mediationTimeout()));
    }

    static List<Address> intersection(List<Address> a, List<Address> b) {
        TreeSet<Address> set = new TreeSet<>(a);
        set.retainAll(new TreeSet<>(b));
        return new ArrayList<>(set);
    }
}
