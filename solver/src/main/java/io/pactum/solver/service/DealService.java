package io.pactum.solver.service;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.deal.Deal;
import io.pactum.solver.api.ApiException;
import io.pactum.solver.api.Dto;
import io.pactum.solver.api.ErrorCode;
import io.pactum.solver.book.DealStatus;
import io.pactum.solver.book.Lifecycle;
import io.pactum.solver.book.OfferChecks;
import io.pactum.solver.config.Settings;
import io.pactum.solver.store.DealRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Proposed deals: views, signature collection, and the state changes of the relay. */
@ApplicationScoped
public class DealService {
    @Inject
    Settings settings;

    @Inject
    OrderBookService book;

    public static String intentKey(String dealId) {
        return "agree:" + dealId;
    }

    @Transactional
    public Optional<Dto.DealView> view(String dealId) {
        return Optional.ofNullable(DealRow.<DealRow>findById(dealId)).map(DealService::toView);
    }

    @Transactional
    public List<Dto.DealView> list(Optional<String> party, Optional<String> status, int limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        party.ifPresent(p -> {
            q.append(" and (client = :party or node = :party)");
            params.put("party", p);
        });
        status.ifPresent(s -> {
            q.append(" and status = :status");
            params.put("status", s);
        });
        q.append(" order by createdAt desc");
        return DealRow.<DealRow>find(q.toString(), params).page(0, limit).list().stream()
                .map(DealService::toView)
                .toList();
    }

    /**
     * Stores a party's signature over the deal's EIP-712 digest. With both signatures the deal
     * moves to relaying (the caller then kicks the relay; the watcher retries it after a crash).
     */
    @Transactional
    public Dto.DealView sign(String dealId, Signature signature, long now) {
        DealRow row = DealRow.findById(dealId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no deal " + dealId);
        }
        Deal deal = Json.read(row.terms, Deal.class);
        Address signer = OfferChecks.recover(deal.digest(settings.domain()), signature)
                .orElseThrow(() -> new ApiException(ErrorCode.BAD_SIGNATURE,
                        "signature is not a valid low-s secp256k1 signature", "signature"));
        Lifecycle.Party party = Lifecycle.partyOf(signer.toLowerHex(), row.client, row.node)
                .orElseThrow(() -> new ApiException(ErrorCode.BAD_SIGNATURE,
                        "signature recovers to " + signer + ", neither the deal's client " + deal.client()
                                + " nor its node " + deal.node() + " (under chainId " + settings.chainId()
                                + ", DealManager " + settings.dealManager() + ")",
                        "signature"));
        String sigHex = signature.toHex();
        DealStatus status = DealStatus.fromWire(row.status);
        String existing = party == Lifecycle.Party.CLIENT ? row.clientSig : row.nodeSig;
        if (sigHex.equals(existing)) {
            return toView(row); // the same signature again: idempotent, nothing written
        }
        if (status != DealStatus.PROPOSED) {
            throw new ApiException(ErrorCode.DEAL_CLOSED, "deal is " + row.status + ", it takes no more signatures");
        }
        if (Lifecycle.proposalExpired(status, row.expiresAt, now)) {
            throw new ApiException(ErrorCode.DEAL_CLOSED, "proposal expired at " + row.expiresAt);
        }
        if (party == Lifecycle.Party.CLIENT) {
            row.clientSig = sigHex;
        } else {
            row.nodeSig = sigHex;
        }
        DealStatus next = Lifecycle.afterSignature(status, row.clientSig != null, row.nodeSig != null);
        if (next == DealStatus.RELAYING) {
            row.txIntentKey = intentKey(dealId);
        }
        row.status = next.wire();
        row.updatedAt = Instant.now();
        return toView(row);
    }

    /** Agreed deals, oldest first (the keeper's work list; it forgets those that ended). */
    @Transactional
    public List<DealRow> agreed(int limit) {
        return DealRow.<DealRow>find("status = ?1 order by updatedAt", "agreed").page(0, limit).list();
    }

    /** Deals waiting for their relay (watcher work list). */
    @Transactional
    public List<DealRow> relaying(int limit) {
        return DealRow.<DealRow>find("status = ?1 order by updatedAt", "relaying").page(0, limit).list();
    }

    /** The relay's transaction is mined: remember its hash (the log poller marks the deal agreed). */
    @Transactional
    public void relayMined(String dealId, String txHash) {
        DealRow row = DealRow.findById(dealId, LockModeType.PESSIMISTIC_WRITE);
        if (row != null && txHash != null && !txHash.equals(row.txHash)) {
            row.txHash = txHash;
            row.updatedAt = Instant.now();
        }
    }

    /** The relay reverted (or failed): the deal fails with the reason and its offers reopen if valid. */
    @Transactional
    public void relayFailed(String dealId, String txHash, String reason, long now) {
        DealRow row = DealRow.findById(dealId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null || !DealStatus.RELAYING.wire().equals(row.status)) {
            return;
        }
        row.status = DealStatus.FAILED.wire();
        row.error = reason == null ? "relay failed" : reason;
        if (txHash != null) {
            row.txHash = txHash;
        }
        row.updatedAt = Instant.now();
        book.releaseOffers(row, now);
    }

    static Dto.DealView toView(DealRow r) {
        return new Dto.DealView(r.dealId, Json.tree(r.terms), r.status, r.clientSig != null, r.nodeSig != null,
                r.txHash, r.error);
    }
}
