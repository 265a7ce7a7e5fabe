package io.pactum.protocol.deal;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.crypto.Signatures;
import io.pactum.protocol.eip712.Eip712Domain;
import io.pactum.protocol.validation.Violation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules an offer must meet before the solver books it (and the contract's limits a deal built
 * from it must meet). Each check returns every violation found, not only the first:
 *
 * <ul>
 *   <li>{@code jobSpecCid}: 1 to {@value #MAX_CID_LENGTH} bytes ({@code MAX_CID_LENGTH});
 *   <li>{@code mediators}: 1 to {@value #MAX_MEDIATORS}, strictly ascending (so no duplicates),
 *       no zero address;
 *   <li>timeouts ({@code resultTimeout}, {@code judgeTimeout}, {@code mediationTimeout}) &gt; 0;
 *   <li>{@code maxFuel} &gt; 0; {@code client}/{@code node} not the zero address;
 *   <li>{@code expiry}: not passed, i.e. {@code now ≤ expiry} (an offer is valid through its expiry
 *       second, like a Solidity {@code block.timestamp <= deadline});
 *   <li>{@code domain.chainId}: the chain the caller serves;
 *   <li>{@code signature}: low-s and recovers to the offer's client (node) over the offer's
 *       EIP-712 digest in {@code domain}.
 * </ul>
 */
public final class Validation {
    public static final int MAX_CID_LENGTH = 128;
    public static final int MAX_MEDIATORS = 7;

    private Validation() {}

    /** The shape rules of a job offer (no time, chain or signature). */
    public static List<Violation> jobOfferShape(JobOffer offer) {
        List<Violation> v = new ArrayList<>();
        if (offer.client().equals(Address.ZERO)) {
            v.add(new Violation("client", "must not be the zero address"));
        }
        cid(v, "jobSpecCid", offer.jobSpecCid().length());
        positive(v, "maxFuel", offer.maxFuel());
        mediators(v, offer.mediators());
        positive(v, "resultTimeout", offer.resultTimeout());
        positive(v, "judgeTimeout", offer.judgeTimeout());
        positive(v, "mediationTimeout", offer.mediationTimeout());
        return v;
    }

    /** All rules for a job offer signed by its client, at time {@code now} (unix seconds). */
    public static List<Violation> jobOffer(
            JobOffer offer, Signature signature, Eip712Domain domain, long expectedChainId, long now) {
        List<Violation> v = jobOfferShape(offer);
        expiry(v, offer.expiry(), now);
        chain(v, domain, expectedChainId);
        signature(v, offer.digest(domain), signature, offer.client(), "client");
        return v;
    }

    /** The shape rules of a resource offer. */
    public static List<Violation> resourceOfferShape(ResourceOffer offer) {
        List<Violation> v = new ArrayList<>();
        if (offer.node().equals(Address.ZERO)) {
            v.add(new Violation("node", "must not be the zero address"));
        }
        positive(v, "maxFuel", offer.maxFuel());
        mediators(v, offer.mediators());
        return v;
    }

    /** All rules for a resource offer signed by its node, at time {@code now}. */
    public static List<Violation> resourceOffer(
            ResourceOffer offer, Signature signature, Eip712Domain domain, long expectedChainId, long now) {
        List<Violation> v = resourceOfferShape(offer);
        expiry(v, offer.expiry(), now);
        chain(v, domain, expectedChainId);
        signature(v, offer.digest(domain), signature, offer.node(), "node");
        return v;
    }

    /** Whether an offer with this expiry is still valid at {@code now}. */
    public static boolean unexpired(long expiry, long now) {
        return now <= expiry;
    }

    private static void cid(List<Violation> v, String field, int length) {
        if (length == 0) {
            v.add(new Violation(field, "must not be empty"));
        } else if (length > MAX_CID_LENGTH) {
            v.add(new Violation(field, "must be at most " + MAX_CID_LENGTH + " bytes, got " + length));
        }
    }

    private static void positive(List<Violation> v, String field, long value) {
        if (value <= 0) {
            v.add(new Violation(field, "must be greater than 0"));
        }
    }

    static void mediators(List<Violation> v, List<Address> mediators) {
        if (mediators.isEmpty()) {
            v.add(new Violation("mediators", "must name at least one mediator"));
        } else if (mediators.size() > MAX_MEDIATORS) {
            v.add(new Violation("mediators", "must name at most " + MAX_MEDIATORS + ", got " + mediators.size()));
        }
        for (int i = 0; i < mediators.size(); i++) {
            if (mediators.get(i).equals(Address.ZERO)) {
                v.add(new Violation("mediators[" + i + "]", "must not be the zero address"));
            }
            if (i > 0 && mediators.get(i - 1).compareTo(mediators.get(i)) >= 0) {
                v.add(new Violation("mediators[" + i + "]",
                        "must be strictly ascending (greater than mediators[" + (i - 1) + "])"));
            }
        }
    }

    private static void expiry(List<Violation> v, long expiry, long now) {
        if (!unexpired(expiry, now)) {
            v.add(new Violation("expiry", "expired at " + expiry + ", now is " + now));
        }
    }

    private static void chain(List<Violation> v, Eip712Domain domain, long expectedChainId) {
        if (!domain.chainId().equals(BigInteger.valueOf(expectedChainId))) {
            v.add(new Violation("domain.chainId",
                    "is " + domain.chainId() + " but this service runs on chain " + expectedChainId));
        }
    }

    private static void signature(List<Violation> v, byte[] digest, Signature sig, Address expected, String role) {
        if (sig == null) {
            v.add(new Violation("signature", "is missing"));
            return;
        }
        try {
            Address signer = Signatures.recover(digest, sig);
            if (!signer.equals(expected)) {
                v.add(new Violation("signature", "recovers to " + signer + ", not the " + role + " " + expected));
            }
        } catch (IllegalArgumentException e) {
            v.add(new Violation("signature", "is invalid: " + e.getMessage()));
        }
    }
}
