package io.pactum.node.deals;

import io.pactum.runtime.job.HardLimits;
import io.pactum.runtime.job.JobFormats;
import io.pactum.node.offers.OfferLoop.OfferCodec;
import io.pactum.node.offers.OfferStatus;
import io.pactum.node.offers.OfferStore.SignedDeal;
import io.pactum.node.offers.OfferStore;
import io.pactum.node.offers.StoredOffer;
import io.pactum.node.solver.SolverClient.DealView;
import io.pactum.node.solver.SolverClient.SolverRejectedException;
import io.pactum.node.solver.SolverClient;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.crypto.Signatures;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.deal.ResourceOffer;
import io.pactum.protocol.eip712.Eip712Domain;
import io.pactum.runtime.exec.OutcomeLimits;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Signs the deals the solver proposes to this node, after checking each against the node's own offer
 * ({@link DealCheck}), the collateral it can still fund (free balance in the vault minus what it promised
 * in signatures not yet agreed, {@link CollateralReservations}) and the job itself (spec in the node's own
 * store, valid, within the node's hard limits: {@link #jobViolations}). What it signs is stored before it is posted; a proposal seen again gets the same
 * signature again (idempotent), and one offer backs at most one deal.
 */
public final class DealLoop {

    private static final Logger LOG = Logger.getLogger(DealLoop.class);

    private final EthKey key;
    private final Eip712Domain domain;
    private final OfferStore store;
    private final SolverClient solver;
    private final VaultReader vault;
    private final OfferCodec offerCodec;
    private final Function<Deal, String> dealToJson;
    private final Function<String, Deal> dealFromJson;
    private final SpecSource specs;
    private final JobFormats formats;
    private final HardLimits limits;

    /**
     * @param vault the node's free balance in the vault
     * @param specs job specs from the node's own content store
     * @param formats parses a job spec
     * @param limits what the node is willing to run (checked against the deal's {@link OutcomeLimits}),
     *     and its wall time (the result timeout must leave room for it)
     */
    public DealLoop(EthKey key, Eip712Domain domain, OfferStore store, SolverClient solver, VaultReader vault,
            OfferCodec offerCodec, Function<Deal, String> dealToJson, Function<String, Deal> dealFromJson, SpecSource specs,
            JobFormats formats, HardLimits limits) {
        this.key = key;
        this.domain = domain;
        this.store = store;
        this.solver = solver;
        this.vault = vault;
        this.offerCodec = offerCodec;
        this.dealToJson = dealToJson;
        this.dealFromJson = dealFromJson;
        this.specs = specs;
        this.formats = formats;
        this.limits = limits;
    }

    /** What happened to one proposal in a tick. */
    public enum Action { SIGNED, RESENT, ALREADY_SIGNED, REJECTED, SKIPPED }

    /** One pass over the proposals; returns the number of signatures posted. */
    public int tick(long nowSeconds) throws IOException {
        int posted = 0;
        for (DealView view : solver.proposedDeals(key.address())) {
            try {
                Action a = handle(view, nowSeconds);
                if (a == Action.SIGNED || a == Action.RESENT) {
                    posted++;
                }
            } catch (SolverRejectedException e) {
                LOG.warnf("solver refused the signature for deal %s: %s", view.dealId(), e.getMessage());
            }
        }
        return posted;
    }

    public Action handle(DealView view, long nowSeconds) throws IOException, SolverRejectedException {
        Deal deal = view.deal();
        Bytes32 dealId = deal.id();
        String id = dealId.toHex();
        if (!dealId.equals(view.dealId())) {
            LOG.warnf("solver's deal id %s is not the hash of its terms %s: ignored", view.dealId(), id);
            return Action.SKIPPED;
        }
        var signed = store.signedDeal(id);
        if (signed.isPresent()) {
            if (view.nodeSigned() && signed.get().posted()) {
                return Action.ALREADY_SIGNED;
            }
            solver.postDealSignature(dealId, Signature.fromHex(signed.get().signature()));
            store.markSignaturePosted(id);
            return Action.RESENT;
        }
        if (store.isRejected(id)) {
            return Action.REJECTED;
        }
        String offerId = deal.resourceOfferId().toHex();
        StoredOffer stored = store.find(offerId).orElseGet(() -> recoverOwnOffer(deal.resourceOfferId()));
        List<String> violations;
        if (stored != null && store.signedDealForOffer(offerId).isPresent()) {
            violations = List.of("offer " + offerId + " already backs deal " + store.signedDealForOffer(offerId).get().dealId());
        } else {
            ResourceOffer offer = stored == null ? null : offerCodec.fromJson(stored.offerJson());
            BigInteger free = vault.freeBalance(key.address());
            violations = new ArrayList<>(DealCheck.violations(deal, key.address(), offer, nowSeconds, free,
                    reserved(nowSeconds), limits.wallTimeMillis() / 1000));
            violations.addAll(jobViolations(deal));
        }
        if (!violations.isEmpty()) {
            String reason = String.join("; ", violations);
            LOG.warnf("refusing deal %s: %s", id, reason);
            store.reject(id, reason);
            return Action.REJECTED;
        }
        Signature sig = deal.sign(key, domain);
        if (!store.insertSignedDeal(new SignedDeal(id, offerId, dealToJson.apply(deal), sig.toHex(), false))) {
            return Action.SKIPPED; // another tick signed for this offer meanwhile
        }
        store.updateStatus(offerId, OfferStatus.PROPOSED, null);
        solver.postDealSignature(dealId, sig);
        store.markSignaturePosted(id);
        LOG.infof("signed deal %s (offer %s)", id, offerId);
        return Action.SIGNED;
    }

    /** Collateral promised in signatures that may still be agreed ({@link CollateralReservations}). */
    private BigInteger reserved(long nowSeconds) {
        List<Deal> pending = new ArrayList<>();
        for (SignedDeal d : store.unagreedSignedDeals(CollateralReservations.minLiveAgreeDeadline(nowSeconds))) {
            pending.add(dealFromJson.apply(d.dealJson()));
        }
        return CollateralReservations.reserved(pending, nowSeconds);
    }

    /**
     * The job the deal names must be one the node is willing to run: its spec in the node's own store,
     * valid, and its {@link OutcomeLimits} within the node's hard limits. A signed deal is then run under
     * exactly those limits, whatever the node's settings, so that mediators reproduce the outcome.
     */
    List<String> jobViolations(Deal deal) throws IOException {
        String cid;
        try {
            cid = Cid.fromBytes(deal.jobSpecCid().toArray()).toString();
        } catch (IllegalArgumentException e) {
            return List.of("jobSpecCid is not a CID: " + e.getMessage());
        }
        Optional<byte[]> bytes;
        try {
            bytes = specs.get(cid);
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
        if (bytes.isEmpty()) {
            return List.of("job spec " + cid + " is not in the node's content store (the client uploads it there first)");
        }
        OutcomeLimits outcome;
        try {
            outcome = OutcomeLimits.of(deal.maxFuel(), formats.parseSpec(bytes.get()).specLimits());
        } catch (IllegalArgumentException e) {
            return List.of("job spec " + cid + " is invalid: " + e.getMessage());
        }
        return limits.violations(outcome);
    }

    /**
     * W6: an offer the node's database does not know (it was lost) but the solver holds is taken back
     * when its signature is this node's: the node made that promise, so it keeps it. Anything else stays
     * unknown (and the deal is refused).
     */
    private StoredOffer recoverOwnOffer(Bytes32 offerId) {
        Optional<SolverClient.SignedOffer> held;
        try {
            held = solver.resourceOffer(offerId);
        } catch (IOException e) {
            LOG.warnf("cannot ask the solver for offer %s: %s", offerId, e.getMessage());
            return null;
        }
        if (held.isEmpty()) {
            return null;
        }
        ResourceOffer offer = held.get().offer();
        Signature sig = held.get().signature();
        if (!offer.id().equals(offerId) || !offer.node().equals(key.address())
                || !Signatures.verify(offer.digest(domain), sig, key.address())) {
            LOG.warnf("the solver's offer %s is not signed by this node: not taken back", offerId);
            return null;
        }
        StoredOffer recovered = new StoredOffer(offerId.toHex(), key.address().toLowerHex(), offer.nonce(),
                offerCodec.toJson(offer), sig.toHex(), offer.expiry(), OfferStatus.PROPOSED);
        store.insert(recovered);
        LOG.infof("offer %s was missing from the node's database: taken back from the solver (signed by this node)", offerId);
        return recovered;
    }
}
