package io.pactum.solver.relay;

import io.pactum.chain.deals.DealManagerGateway;
import io.pactum.chain.errors.RevertReason;
import io.pactum.chain.tx.TxIntent;
import io.pactum.chain.tx.TxManager;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.deal.Deal;
import java.math.BigInteger;
import java.util.Optional;

/** {@link DealRelay} through chain/'s TxManager (idempotent intents) and DealManagerGateway. */
public final class ChainDealRelay implements DealRelay {
    private final TxManager tx;
    private final DealManagerGateway gateway;

    public ChainDealRelay(TxManager tx, DealManagerGateway gateway) {
        this.tx = tx;
        this.gateway = gateway;
    }

    @Override
    public void submit(String key, Deal deal, Signature clientSig, Signature nodeSig) throws Exception {
        tx.submit(key, gateway.address(), DealManagerGateway.agreeBySig(deal, clientSig.toBytes(), nodeSig.toBytes()),
                BigInteger.ZERO, null);
    }

    @Override
    public Optional<RelayStatus> status(String key) throws Exception {
        return tx.find(key).map(ChainDealRelay::toStatus);
    }

    static RelayStatus toStatus(TxIntent i) {
        return switch (i.state()) {
            case CONFIRMED -> new RelayStatus(RelayStatus.State.CONFIRMED, i.txHash(), null);
            case REVERTED -> new RelayStatus(RelayStatus.State.REVERTED, i.txHash(),
                    i.revertReason().map(RevertReason::message).orElse(String.valueOf(i.error())));
            case FAILED -> new RelayStatus(RelayStatus.State.FAILED, i.txHash(), String.valueOf(i.error()));
            default -> new RelayStatus(RelayStatus.State.PENDING, i.txHash(), null);
        };
    }

    @Override
    public Optional<Integer> phase(String dealId) throws Exception {
        return Optional.of(gateway.dealRecord(Bytes32.fromHex(dealId)).phase());
    }
}
