package io.pactum.solver.relay;

import io.pactum.chain.deals.DealManagerGateway;
import io.pactum.chain.logs.LogFilter;
import io.pactum.chain.logs.LogPoller;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.chain.tx.TxManager;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.solver.config.ChainConfig;
import io.pactum.solver.config.Settings;
import io.pactum.solver.service.DealAgreedProjection;
import java.io.IOException;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The chain side of the solver, built from chain/'s parts: the connection, the durable
 * transaction manager of the relayer key, and the log poller over {@code DealAgreed} whose handler
 * and reorg listener write {@link DealAgreedProjection} in the poller's transaction.
 */
public final class ChainRuntime implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ChainRuntime.class);
    private final ChainConnection chain;
    private final TxManager txManager;
    private final LogPoller poller;
    private final DealManagerGateway gateway;

    private volatile boolean running;

    /** @param relayer the relayer's key (see {@link io.pactum.solver.config.RelayerKey}) */
    public ChainRuntime(ChainConfig config, Settings settings, DataSource db, EthKey relayer) throws IOException {
        this.chain = ChainConnection.open(config.rpcUrl(), settings.chainId());
        String dm = settings.dealManager().toLowerHex();
        this.gateway = new DealManagerGateway(chain, dm);
        this.txManager = new TxManager(chain, db, relayer, TxManager.Config.defaults().withOwner("solver"));
        this.poller = new LogPoller(chain, db,
                LogFilter.of("solver-deal-agreed", List.of(dm), List.of(DealManagerGateway.DEAL_AGREED), settings.startBlock()),
                LogPoller.Config.defaults().withConfirmations(config.confirmations()),
                (c, log) -> {
                    DealManagerGateway.DealAgreed e = DealManagerGateway.decodeDealAgreed(log);
                    DealAgreedProjection.apply(c, e.dealId().toHex(), e.blockNumber(), log.getBlockHash(), e.txHash());
                },
                (c, ancestor) -> {
                    int n = DealAgreedProjection.rollback(c, ancestor);
                    LOG.warnf("reorg to block %d: %d agreed deal(s) back to relaying", ancestor, n);
                });
    }

    public void start(java.time.Duration interval) {
        txManager.start();
        running = true;
        poller.start(interval);
        LOG.infof("relaying as %s to DealManager %s; polling DealAgreed", txManager.from(), gateway.address());
    }

    public TxManager txManager() {
        return txManager;
    }

    /** The chain connection (for the keeper's court reads). */
    public ChainConnection connection() {
        return chain;
    }

    public DealManagerGateway gateway() {
        return gateway;
    }

    public LogPoller poller() {
        return poller;
    }

    /** Whether the transaction manager's loop was started and not closed. */
    public boolean txManagerRunning() {
        return running;
    }

    @Override
    public void close() {
        running = false;
        poller.close();
        txManager.close();
        chain.close();
    }
}
