package io.pactum.node.offers;

import io.pactum.node.solver.SolverClient;
import io.pactum.node.solver.SolverClient.SolverRejectedException;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.deal.ResourceOffer;
import io.pactum.protocol.eip712.Eip712Domain;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Keeps one live resource offer at the solver. Each tick: if the newest stored offer is still live
 * (open or proposed at the solver, not about to expire) nothing happens; a stored offer the solver has not
 * acknowledged is posted again with the same bytes; otherwise a new offer is signed, stored, then posted.
 */
public final class OfferLoop {

    private static final Logger LOG = Logger.getLogger(OfferLoop.class);
    /** An offer this close to its expiry is replaced (the solver would not match it in time anyway). */
    static final long EXPIRY_MARGIN_SECONDS = 10;

    private final EthKey key;
    private final Eip712Domain domain;
    private final OfferFactory factory;
    private final OfferStore store;
    private final SolverClient solver;
    private final OfferCodec codec;
    private final LongSupplier openJobs;
    private final int maxOpenJobs;

    /** Serialises offers for storage (ProtocolJson in production). */
    public interface OfferCodec {
        String toJson(ResourceOffer offer);

        ResourceOffer fromJson(String json);
    }

    public OfferLoop(EthKey key, Eip712Domain domain, OfferFactory factory, OfferStore store, SolverClient solver,
            OfferCodec codec, LongSupplier openJobs, int maxOpenJobs) {
        this.key = key;
        this.domain = domain;
        this.factory = factory;
        this.store = store;
        this.solver = solver;
        this.codec = codec;
        this.openJobs = openJobs;
        this.maxOpenJobs = maxOpenJobs;
    }

    /** One pass; returns the live offer after it, if any. */
    public Optional<StoredOffer> tick(long nowSeconds) throws IOException {
        String self = key.address().toLowerHex();
        Optional<StoredOffer> live = store.latestLive(self);
        if (live.isPresent()) {
            StoredOffer o = live.get();
            if (o.expiry() <= nowSeconds + EXPIRY_MARGIN_SECONDS && o.status() != OfferStatus.PROPOSED) {
                store.updateStatus(o.offerId(), OfferStatus.EXPIRED, null);
            } else if (o.status() == OfferStatus.SIGNED) {
                return post(o);
            } else {
                Optional<String> remote = solver.resourceOfferStatus(Bytes32.fromHex(o.offerId()));
                OfferStatus s = remote.map(OfferLoop::parseStatus).orElse(OfferStatus.CANCELLED);
                if (s != o.status()) {
                    store.updateStatus(o.offerId(), s, remote.isEmpty() ? "unknown to the solver" : null);
                }
                if (s.isLive()) {
                    return Optional.of(o.withStatus(s));
                }
            }
        }
        if (openJobs.getAsLong() >= maxOpenJobs) {
            return Optional.empty();
        }
        ResourceOffer offer = factory.next(key.address(), nowSeconds);
        Signature sig = offer.sign(key, domain);
        StoredOffer stored = new StoredOffer(offer.id().toHex(), self, offer.nonce(), codec.toJson(offer), sig.toHex(),
                offer.expiry(), OfferStatus.SIGNED);
        store.insert(stored); // before posting: a crash re-posts these bytes, never a second signature
        LOG.infof("signed resource offer %s (expires %d)", stored.offerId(), offer.expiry());
        return post(stored);
    }

    private Optional<StoredOffer> post(StoredOffer o) throws IOException {
        try {
            String status = solver.postResourceOffer(codec.fromJson(o.offerJson()), Signature.fromHex(o.signature()));
            OfferStatus s = parseStatus(status);
            store.updateStatus(o.offerId(), s, null);
            LOG.infof("posted resource offer %s: %s", o.offerId(), status);
            return s.isLive() ? Optional.of(o.withStatus(s)) : Optional.empty();
        } catch (SolverRejectedException e) {
            if ("NONCE_REUSED".equals(e.code())) {
                // the solver has these exact bytes already (a post whose answer was lost)
                store.updateStatus(o.offerId(), OfferStatus.OPEN, null);
                return Optional.of(o.withStatus(OfferStatus.OPEN));
            }
            LOG.warnf("solver rejected resource offer %s: %s", o.offerId(), e.getMessage());
            store.updateStatus(o.offerId(), OfferStatus.REJECTED, e.getMessage());
            return Optional.empty();
        }
    }

    static OfferStatus parseStatus(String s) {
        try {
            return OfferStatus.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return OfferStatus.CANCELLED;
        }
    }

}
