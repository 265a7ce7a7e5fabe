package io.pactum.solver.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Runs matching after each admitted offer and, on a tick, expiry then matching. */
@ApplicationScoped
public class Matcher {
    private static final Logger LOG = Logger.getLogger(Matcher.class);

    @Inject
    OrderBookService book;

    /** A matching pass whose failure never fails the request that triggered it (the tick retries). */
    public void matchQuietly() {
        try {
            book.match(Instant.now().getEpochSecond());
        } catch (RuntimeException e) {
            LOG.warnf(e, "matching pass failed; the next tick retries");
        }
    }

    @Scheduled(every = "${pactum.solver.tick}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        long now = Instant.now().getEpochSecond();
        try {
            book.expire(now);
            book.match(now);
        } catch (RuntimeException e) {
            LOG.warnf(e, "order book tick failed");
        }
    }
}
