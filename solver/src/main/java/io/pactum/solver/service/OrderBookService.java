package io.pactum.solver.service;

import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.deal.JobOffer;
import io.pactum.protocol.deal.ResourceOffer;
import io.pactum.solver.api.ApiException;
import io.pactum.solver.api.Dto;
import io.pactum.solver.api.ErrorCode;
import io.pactum.solver.book.Lifecycle;
import io.pactum.solver.book.Matchmaker;
import io.pactum.solver.book.OfferChecks;
import io.pactum.solver.book.OfferStatus;
import io.pactum.solver.book.OpenOffer;
import io.pactum.solver.book.Proposal;
import io.pactum.solver.book.Rejection;
import io.pactum.solver.config.Settings;
import io.pactum.solver.store.DealRow;
import io.pactum.solver.store.JobOfferRow;
import io.pactum.solver.store.ResourceOfferRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The order book on PostgreSQL: admits offers (all checks before any write), matches, expires.
 * Matching and expiry run under one transaction-scoped advisory lock, so two passes (or two
 * instances) never propose the same offer twice; the partial unique indexes are the last guard.
 */
@ApplicationScoped
public class OrderBookService {
    private static final Logger LOG = Logger.getLogger(OrderBookService.class);
    /** Advisory lock key of the matcher ("pactum-solver-book"). */
    static final long BOOK_LOCK = 0x7061637475_6d62L;

    @Inject
    Settings settings;

    @Inject
    OfferChecks checks;

    @Inject
    Matchmaker matchmaker;

    @Inject
    EntityManager em;

    // ------------------------------------------------------------------ admission

    /** The answer to a submission; {@code created} false when the same offer was already in the book. */
    public record Admitted(Dto.Submitted body, boolean created) {}

    @Transactional
    public Admitted admit(JobOffer offer, Signature signature, long now) {
        reject(checks.check(offer, signature, now));
        String id = offer.id().toHex();
        String signer = offer.client().toLowerHex();
        BigDecimal nonce = new BigDecimal(offer.nonce());
        JobOfferRow same = JobOfferRow.findById(id);
        if (same != null) {
            return new Admitted(new Dto.Submitted(id, same.status), false); // the same signed offer again: idempotent
        }
        if (JobOfferRow.count("signer = ?1 and nonce = ?2", signer, nonce) > 0) {
            throw nonceReused(signer, offer.nonce().toString());
        }
        JobOfferRow row = new JobOfferRow();
        row.id = id;
        row.signer = signer;
        row.nonce = nonce;
        row.expiry = offer.expiry();
        row.status = OfferStatus.OPEN.wire();
        row.body = Json.write(offer);
        row.signature = signature.toHex();
        row.createdAt = row.updatedAt = Instant.now();
        persist(row, signer, offer.nonce().toString());
        return new Admitted(new Dto.Submitted(id, row.status), true);
    }

    @Transactional
    public Admitted admit(ResourceOffer offer, Signature signature, long now) {
        reject(checks.check(offer, signature, now));
        String id = offer.id().toHex();
        String signer = offer.node().toLowerHex();
        BigDecimal nonce = new BigDecimal(offer.nonce());
        ResourceOfferRow same = ResourceOfferRow.findById(id);
        if (same != null) {
            return new Admitted(new Dto.Submitted(id, same.status), false);
        }
        if (ResourceOfferRow.count("signer = ?1 and nonce = ?2", signer, nonce) > 0) {
            throw nonceReused(signer, offer.nonce().toString());
        }
        ResourceOfferRow row = new ResourceOfferRow();
        row.id = id;
        row.signer = signer;
        row.nonce = nonce;
        row.expiry = offer.expiry();
        row.status = OfferStatus.OPEN.wire();
        row.body = Json.write(offer);
        row.signature = signature.toHex();
        row.createdAt = row.updatedAt = Instant.now();
        persist(row, signer, offer.nonce().toString());
        return new Admitted(new Dto.Submitted(id, row.status), true);
    }

    private void persist(Object row, String signer, String nonce) {
        try {
            em.persist(row);
            em.flush();
        } catch (PersistenceException e) {
            // a concurrent request took the same (signer, nonce) or id between the check and the insert
            throw nonceReused(signer, nonce);
        }
    }

    private static ApiException nonceReused(String signer, String nonce) {
        return new ApiException(ErrorCode.NONCE_REUSED,
                "nonce " + nonce + " of " + signer + " was already used by another offer", "offer.nonce");
    }

    private static void reject(Optional<Rejection> rejection) {
        rejection.ifPresent(r -> {
            ErrorCode code = switch (r.reason()) {
                case BAD_SIGNATURE -> ErrorCode.BAD_SIGNATURE;
                case EXPIRED -> ErrorCode.EXPIRED;
                case INVALID_FIELD -> ErrorCode.INVALID_FIELD;
            };
            throw new ApiException(code, r.message(), r.field());
        });
    }

    // ------------------------------------------------------------------ reads

    @Transactional
    public Optional<Dto.OfferView> jobOffer(String id) {
        JobOfferRow r = JobOfferRow.findById(id);
        return Optional.ofNullable(r).map(x -> new Dto.OfferView(x.id, Json.tree(x.body), x.signature, x.status));
    }

    @Transactional
    public Optional<Dto.OfferView> resourceOffer(String id) {
        ResourceOfferRow r = ResourceOfferRow.findById(id);
        return Optional.ofNullable(r).map(x -> new Dto.OfferView(x.id, Json.tree(x.body), x.signature, x.status));
    }

    // ------------------------------------------------------------------ matching and expiry

    /** One matching pass over the open book; returns the ids of the deals proposed. */
    @Transactional
    public List<String> match(long now) {
        lockBook();
        List<JobOfferRow> jobRows = JobOfferRow.find("status = ?1 and expiry >= ?2 order by seq",
                OfferStatus.OPEN.wire(), now).page(0, settings.matchBatch()).list();
        if (jobRows.isEmpty()) {
            return List.of();
        }
        List<ResourceOfferRow> resRows = ResourceOfferRow.find("status = ?1 and expiry >= ?2 order by seq",
                OfferStatus.OPEN.wire(), now).page(0, settings.matchBatch()).list();
        if (resRows.isEmpty()) {
            return List.of();
        }
        List<OpenOffer<JobOffer>> jobs = jobRows.stream()
                .map(r -> new OpenOffer<>(r.id, Json.read(r.body, JobOffer.class), r.expiry, r.seq))
                .toList();
        List<OpenOffer<ResourceOffer>> resources = resRows.stream()
                .map(r -> new OpenOffer<>(r.id, Json.read(r.body, ResourceOffer.class), r.expiry, r.seq))
                .toList();
        List<String> proposed = new ArrayList<>();
        for (Proposal<Deal> p : matchmaker.plan(jobs, resources, now, settings.agreeWindowSeconds())) {
            Deal deal = p.deal();
            long agreeDeadline = deal.agreeDeadline();
            long expiresAt = Lifecycle.proposalExpiresAt(now, agreeDeadline, settings.proposalTtlSeconds());
            String dealId = deal.id().toHex();
            if (DealRow.findById(dealId) != null) {
                continue; // identical terms proposed before (same offers, same second): skip
            }
            DealRow row = new DealRow();
            row.dealId = dealId;
            row.jobOfferId = p.jobOfferId();
            row.resourceOfferId = p.resourceOfferId();
            row.client = deal.client().toLowerHex();
            row.node = deal.node().toLowerHex();
            row.terms = Json.write(deal);
            row.agreeDeadline = agreeDeadline;
            row.expiresAt = expiresAt;
            row.status = "proposed";
            row.createdAt = row.updatedAt = Instant.now();
            em.persist(row);
            setOfferStatus("solver_job_offer", p.jobOfferId(), OfferStatus.PROPOSED);
            setOfferStatus("solver_resource_offer", p.resourceOfferId(), OfferStatus.PROPOSED);
            proposed.add(dealId);
        }
        if (!proposed.isEmpty()) {
            LOG.infof("proposed %d deal(s): %s", proposed.size(), proposed);
        }
        return proposed;
    }

    /**
     * Expires open offers past their expiry and proposals past their time; offers of ended
     * proposals reopen when still valid. Returns the number of proposals expired.
     */
    @Transactional
    public int expire(long now) {
        lockBook();
        int offers = em.createNativeQuery("UPDATE solver_job_offer SET status = 'expired', updated_at = now()"
                        + " WHERE status = 'open' AND expiry < ?1").setParameter(1, now).executeUpdate()
                + em.createNativeQuery("UPDATE solver_resource_offer SET status = 'expired', updated_at = now()"
                        + " WHERE status = 'open' AND expiry < ?1").setParameter(1, now).executeUpdate();
        List<DealRow> ended = DealRow.find("status = ?1 and expiresAt <= ?2", "proposed", now).list();
        for (DealRow d : ended) {
            d.status = "expired";
            d.error = "not signed by both parties before " + d.expiresAt;
            d.updatedAt = Instant.now();
            releaseOffers(d, now);
        }
        if (offers > 0 || !ended.isEmpty()) {
            LOG.infof("expired %d offer(s) and %d proposal(s)", offers, ended.size());
        }
        return ended.size();
    }

    /** The deal ended without agreement: its offers go back to the book if still valid. */
    public void releaseOffers(DealRow d, long now) {
        JobOfferRow j = JobOfferRow.findById(d.jobOfferId);
        Lifecycle.afterDealEnded(OfferStatus.fromWire(j.status), j.expiry, now).ifPresent(s -> {
            j.status = s.wire();
            j.updatedAt = Instant.now();
        });
        ResourceOfferRow r = ResourceOfferRow.findById(d.resourceOfferId);
        Lifecycle.afterDealEnded(OfferStatus.fromWire(r.status), r.expiry, now).ifPresent(s -> {
            r.status = s.wire();
            r.updatedAt = Instant.now();
        });
    }

    private void setOfferStatus(String table, String id, OfferStatus status) {
        int n = em.createNativeQuery("UPDATE " + table + " SET status = ?1, updated_at = now() WHERE id = ?2 AND status = 'open'")
                .setParameter(1, status.wire()).setParameter(2, id).executeUpdate();
        if (n != 1) {
            throw new IllegalStateException(table + " " + id + " was not open while matching");
        }
    }

    private void lockBook() {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)").setParameter(1, BOOK_LOCK).getSingleResult();
    }
}
