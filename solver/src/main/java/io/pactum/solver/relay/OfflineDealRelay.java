package io.pactum.solver.relay;

import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.deal.Deal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The relay when {@code pactum.chain.enabled=false}: records the submissions (pending forever) so
 * the REST flow can run without a chain. Never used with a chain configured.
 */
public final class OfflineDealRelay implements DealRelay {
    private static final Logger LOG = Logger.getLogger(OfflineDealRelay.class);
    private final Map<String, Deal> submitted = new ConcurrentHashMap<>();

    @Override
    public void submit(String key, Deal deal, Signature clientSig, Signature nodeSig) {
        if (submitted.putIfAbsent(key, deal) == null) {
            LOG.infof("chain disabled: relay %s recorded, not sent", key);
        }
    }

    @Override
    public Optional<RelayStatus> status(String key) {
        return submitted.containsKey(key)
                ? Optional.of(new RelayStatus(RelayStatus.State.PENDING, null, null))
                : Optional.empty();
    }

    @Override
    public Optional<Integer> phase(String dealId) {
        return Optional.empty();
    }

    /** What was submitted, by key (for tests and diagnostics). */
    public Map<String, Deal> submitted() {
        return Map.copyOf(submitted);
    }
}
