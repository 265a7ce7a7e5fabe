package io.pactum.node.deals;

import io.pactum.node.offers.OfferLoop.OfferCodec;
import io.pactum.node.offers.OfferStatus;
import io.pactum.node.offers.OfferStore;
import io.pactum.node.offers.OfferStore.SignedDeal;
import io.pactum.node.offers.StoredOffer;
import io.pactum.node.solver.SolverClient;
import io.pactum.node.solver.SolverClient.DealView;
import io.pactum.node.solver.SolverClient.SolverRejectedException;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.deal.ResourceOffer;
import io.pactum.protocol.eip712.Eip712Domain;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Signs the deals the solver proposes to this node, after checking each against the node's own offer
 * ({@link DealCheck}). What it signs is stored before it is posted; a proposal seen again gets the same
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
    private final long wallTimeSeconds;

    public DealLoop(EthKey key, Eip712Domain domain, OfferStore store, SolverClient solver, VaultReader vault,
            OfferCodec offerCodec, Function<Deal, String> dealToJson, long wallTimeSeconds) {
        this.key = key;
        this.domain = domain;
        this.store = store;
        this.solver = solver;
        this.vault = vault;
        this.offerCodec = offerCodec;
        this.dealToJson = dealToJson;
        this.wallTimeSeconds = wallTimeSeconds;
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
        StoredOffer stored = store.find(offerId).orElse(null);
        List<String> violations;
        if (stored != null && store.signedDealForOffer(offerId).isPresent()) {
            violations = List.of("offer " + offerId + " already backs deal " + store.signedDealForOffer(offerId).get().dealId());
        } else {
            ResourceOffer offer = stored == null ? null : offerCodec.fromJson(stored.offerJson());
            BigInteger free = vault.freeBalance(key.address());
            violations = DealCheck.violations(deal, key.address(), offer, nowSeconds, free, BigInteger.ZERO, wallTimeSeconds);
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
}
