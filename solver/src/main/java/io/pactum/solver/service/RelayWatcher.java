package io.pactum.solver.service;

import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.deal.Deal;
import io.pactum.solver.config.ChainConfig;
import io.pactum.solver.relay.DealRelay;
import io.pactum.solver.relay.DealRelay.RelayStatus;
import io.pactum.solver.store.DealRow;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Drives deals in {@code relaying}: (re)submits {@code agreeBySig} under the key {@code
 * agree:<dealId>} (idempotent, so a crash between the status change and the submission is healed
 * by the next tick, W1), records the mined hash, and fails the deal when the relay reverted and the
 * contract does not show the deal agreed (W6). Marking it agreed is the log poller's job.
 */
@ApplicationScoped
public class RelayWatcher {
    private static final Logger LOG = Logger.getLogger(RelayWatcher.class);
    /** DealPhase ordinals: Agreed(3)..MediationTimedOut(11) except AgreeExpired(9) mean agreed once. */
    private static final int AGREED = 3;
    private static final int AGREE_EXPIRED = 9;

    @Inject
    DealService deals;

    @Inject
    DealRelay relay;

    @Inject
    ChainConfig chain;

    /** Submit right away after the second signature; errors are left to the watcher. */
    public void kick(String dealId) {
        try {
            deals.relaying(1000).stream().filter(r -> r.dealId.equals(dealId)).findFirst().ifPresent(this::submit);
        } catch (Exception e) {
            LOG.warnf(e, "relay of %s not submitted yet; the watcher retries", dealId);
        }
    }

    @Scheduled(every = "${pactum.chain.poll-interval}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!chain.enabled()) {
            return;
        }
        for (DealRow row : deals.relaying(200)) {
            try {
                submit(row);
                check(row);
            } catch (Exception e) {
                LOG.warnf(e, "relay watcher: deal %s", row.dealId);
            }
        }
    }

    private void submit(DealRow row) {
        try {
            relay.submit(row.txIntentKey, Json.read(row.terms, Deal.class),
                    Signature.fromHex(row.clientSig), Signature.fromHex(row.nodeSig));
        } catch (Exception e) {
            throw new IllegalStateException("submit " + row.txIntentKey + ": " + e.getMessage(), e);
        }
    }

    private void check(DealRow row) throws Exception {
        Optional<RelayStatus> status = relay.status(row.txIntentKey);
        if (status.isEmpty()) {
            return;
        }
        RelayStatus s = status.get();
        switch (s.state()) {
            case PENDING -> { }
            case CONFIRMED -> deals.relayMined(row.dealId, s.txHash());
            case REVERTED, FAILED -> {
                Optional<Integer> phase = relay.phase(row.dealId);
                if (phase.isPresent() && phase.get() >= AGREED && phase.get() != AGREE_EXPIRED) {
                    // agreed on chain anyway (by agree() or an earlier relay): the log poller records it
                    deals.relayMined(row.dealId, s.txHash());
                    return;
                }
                LOG.warnf("relay of deal %s %s: %s", row.dealId, s.state(), s.error());
                deals.relayFailed(row.dealId, s.txHash(), s.error(), Instant.now().getEpochSecond());
            }
        }
    }
}
