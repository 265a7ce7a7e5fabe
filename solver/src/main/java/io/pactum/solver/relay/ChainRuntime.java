package io.pactum.solver.relay;

import io.pactum.chain.deals.DealManagerGateway;
import io.pactum.chain.logs.LogFilter;
import io.pactum.chain.worker.ChainWorker;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.solver.config.ChainConfig;
import io.pactum.solver.config.Settings;
import io.pactum.solver.service.DealAgreedProjection;
import java.io.IOException;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The chain side of the solver: a {@link ChainWorker} for the relayer key (connection, durable
 * transaction manager) whose log poller over {@code DealAgreed} writes {@link DealAgreedProjection}
 * in the poller's transaction, and the DealManager it relays to.
 */
public final class ChainRuntime implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ChainRuntime.class);
    private final ChainWorker worker;
    private final DealManagerGateway gateway;

    /** @param relayer the relayer's key (see {@link io.pactum.solver.config.RelayerKey}) */
    public ChainRuntime(ChainConfig config, Settings settings, DataSource db, EthKey relayer) throws IOException {
        this.worker = new ChainWorker("solver", new ChainWorker.Settings(config.rpcUrl(), settings.chainId(),
                config.confirmations(), config.finalityDepth(), config.pollInterval(), false), db, relayer);
        String dm = settings.dealManager().toLowerHex();
        this.gateway = new DealManagerGateway(worker.chain(), dm);
        worker.watch(
                LogFilter.of("solver-deal-agreed", List.of(dm), List.of(DealManagerGateway.DEAL_AGREED), settings.startBlock()),
                (c, log) -> {
                    DealManagerGateway.DealAgreed e = DealManagerGateway.decodeDealAgreed(log);
                    DealAgreedProjection.apply(c, e.dealId().toHex(), e.blockNumber(), log.getBlockHash(), e.txHash());
                },
                (c, ancestor) -> {
                    int n = DealAgreedProjection.rollback(c, ancestor);
                    LOG.warnf("reorg to block %d: %d agreed deal(s) back to relaying", ancestor, n);
                });
    }

    public void start() {
        worker.start();
        LOG.infof("relaying as %s to DealManager %s; polling DealAgreed", worker.tx().from(), gateway.address());
    }

    /** The relayer's connection, transaction manager, poller and loops. */
    public ChainWorker worker() {
        return worker;
    }

    public DealManagerGateway gateway() {
        return gateway;
    }

    @Override
    public void close() {
        worker.close();
    }
}
