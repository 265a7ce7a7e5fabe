package io.pactum.cli.chain;

import io.pactum.chain.client.DirectSender;
import io.pactum.chain.client.Mined;
import io.pactum.chain.client.TxFailedException;
import io.pactum.chain.deals.DealEvent;
import io.pactum.chain.deals.DealManagerGateway;
import io.pactum.chain.mediation.MediationCourtGateway;
import io.pactum.chain.deals.DealQueries;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.chain.token.TokenGateway;
import io.pactum.chain.vault.VaultGateway;
import io.pactum.cli.CliException;
import io.pactum.cli.config.CliConfig;
import io.pactum.cli.config.Signer;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.Hex;
import io.pactum.protocol.deal.Deal;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client's view of the chain, on the chain module's adapters: reads through the gateways
 * ({@link TokenGateway}, {@link VaultGateway}, {@link DealManagerGateway}, {@link DealQueries}),
 * its own writes through a {@link DirectSender} (the CLI has no database for the durable
 * transaction manager). Opened once per command; the chain id is checked against the profile.
 * Chain failures become {@link CliException} (exit 1) with the decoded protocol error.
 */
public final class LiveChain implements Funds, DealChain, Disputes {
    private final ChainConnection chain;
    private final CliConfig.Deployment deployment;
    private final Signer signer; // null: read-only
    private final DirectSender sender;
    private final TokenGateway token;
    private final VaultGateway vault;
    private final DealManagerGateway deals;
    private final DealQueries queries;
    private MediationCourtGateway court; // read from the DealManager on first use

    private LiveChain(ChainConnection chain, CliConfig.Deployment deployment, Signer signer) {
        this.chain = chain;
        this.deployment = deployment;
        this.signer = signer;
        this.sender = signer == null ? null : new DirectSender(chain, signer.key(), Duration.ofMinutes(2));
        this.token = new TokenGateway(chain, deployment.token());
        this.vault = new VaultGateway(chain, deployment.vault());
        this.queries = new DealQueries(chain, deployment.dealManager(), deployment.deployBlock());
        this.deals = queries.gateway();
    }

    /** Connects to the profile's chain; {@code signer} may be null for read-only use. */
    public static LiveChain open(CliConfig config, Signer signer) {
        String url = config.requireRpcUrl();
        CliConfig.Deployment deployment = config.requireDeployment();
        try {
            return new LiveChain(ChainConnection.open(url, config.chainId()), deployment, signer);
        } catch (IllegalStateException e) { // chain id mismatch
            throw CliException.usage("wrong chain at " + url + ": " + e.getMessage());
        } catch (IOException e) {
            throw CliException.failure("cannot reach the chain at " + url + ": " + e.getMessage(), e);
        }
    }

    public long chainId() {
        return chain.chainId();
    }

    public CliConfig.Deployment deployment() {
        return deployment;
    }

    @Override
    public Address account() {
        if (signer == null) {
            throw CliException.usage("this command needs a key (see --keystore or the profile's \"key\")");
        }
        return signer.address();
    }

    @Override
    public long chainTime() {
        return read("latest block", queries::chainTime);
    }

    // ---------------------------------------------------------------- funds

    @Override
    public BigInteger tokenBalance(Address owner) {
        return read("balanceOf on the token " + deployment.token(), () -> token.balanceOf(owner));
    }

    @Override
    public BigInteger freeBalance(Address owner) {
        return read("freeBalance on the vault " + deployment.vault(), () -> vault.freeBalance(deployment.token(), owner));
    }

    @Override
    public BigInteger allowance(Address owner) {
        return read("allowance on the token " + deployment.token(), () -> token.allowance(owner, deployment.vault()));
    }

    @Override
    public Tx approve(BigInteger amount) {
        return Tx.of(send("approve", deployment.token(), TokenGateway.approve(deployment.vault(), amount)));
    }

    @Override
    public Tx deposit(BigInteger amount) {
        return Tx.of(send("deposit", deployment.vault(), VaultGateway.deposit(deployment.token(), account(), amount)));
    }

    @Override
    public Tx withdraw(Address to, BigInteger amount) {
        return Tx.of(send("withdraw", deployment.vault(), VaultGateway.withdraw(deployment.token(), to, amount)));
    }

    // ---------------------------------------------------------------- deals

    @Override
    public Record dealRecord(Bytes32 dealId) {
        DealManagerGateway.DealRecord r = read("dealRecord on the DealManager " + deployment.dealManager(),
                () -> deals.dealRecord(dealId));
        try {
            return new Record(DealPhase.of(r.phase()), r.agreedAt(), r.resultAt(), r.disputedAt(), r.fuelUsed());
        } catch (IllegalArgumentException e) {
            throw CliException.failure("unexpected dealRecord answer (is the deployment right?): " + e.getMessage());
        }
    }

    @Override
    public Deadline currentDeadline(Deal deal) {
        DealManagerGateway.Deadline d = read("currentDeadline on the DealManager " + deployment.dealManager(),
                () -> deals.currentDeadline(deal));
        return new Deadline(d.deadline(), d.passed());
    }

    @Override
    public Accepted acceptResult(Deal deal) {
        Mined mined = send("acceptResult", deployment.dealManager(), DealManagerGateway.acceptResult(deal));
        for (DealEvent e : deals.events(mined.receipt())) {
            if (e instanceof DealEvent.Accepted a) {
                return new Accepted(Tx.of(mined), a.nodePayment(), a.networkFee(), a.clientRefund());
            }
        }
        throw CliException.failure("acceptResult was mined (tx " + mined.txHash() + ") but emitted no DealAccepted event");
    }

    @Override
    public List<Event> events(Bytes32 dealId) {
        try {
            return read("the DealManager's logs", () -> queries.history(dealId)).stream().map(LiveChain::event).toList();
        } catch (IllegalArgumentException e) {
            throw CliException.failure(e.getMessage(), e);
        }
    }

    /** The CLI's view of an event: fields as the output shows them (addresses and hex as strings). */
    static Event event(DealEvent e) {
        Map<String, Object> f = new LinkedHashMap<>();
        Deal deal = null;
        if (e instanceof DealManagerGateway.DealAgreed a) {
            f.put("client", a.client().toString());
            f.put("node", a.node().toString());
            deal = a.deal();
        } else if (e instanceof DealEvent.PartyAgreed p) {
            f.put("party", p.party().toString());
        } else if (e instanceof DealManagerGateway.ResultPosted r) {
            f.put("node", r.node().toString());
            f.put("resultCid", Hex.encode(r.resultCid().toArray()));
            f.put("fuelUsed", BigInteger.valueOf(r.fuelUsed()));
        } else if (e instanceof DealEvent.Accepted a) {
            f.put("byClient", a.byClient());
            f.put("nodePayment", a.nodePayment());
            f.put("networkFee", a.networkFee());
            f.put("clientRefund", a.clientRefund());
        } else if (e instanceof DealEvent.MediationRequested m) {
            f.put("client", m.client().toString());
            f.put("fee", m.fee());
        } else if (e instanceof DealEvent.AgreeExpired x) {
            f.put("party", x.party().toString());
            f.put("refunded", x.refunded());
        } else if (e instanceof DealEvent.ResultTimedOut t) {
            f.put("clientRefund", t.clientRefund());
            f.put("nodeCollateralToClient", t.nodeCollateralToClient());
        } else if (e instanceof DealEvent.MediationTimedOut t) {
            f.put("clientRefund", t.clientRefund());
            f.put("nodeRefund", t.nodeRefund());
        } else if (e instanceof DealEvent.Mediated m) {
            f.put("verdict", m.correct() ? "correct" : "incorrect");
            f.put("nodePayment", m.nodePayment());
            f.put("networkFee", m.networkFee());
            f.put("clientRefund", m.clientRefund());
            f.put("mediators", m.mediators().stream().map(Address::toString).toList().toString());
            f.put("mediatorPay", m.mediatorPay());
        } else if (e instanceof DealEvent.KeeperPaid k) {
            f.put("keeper", k.keeper().toString());
            f.put("bounty", k.bounty());
        }
        return new Event(e.name(), e.blockNumber(), e.txHash(), f, deal);
    }

    // -------------------------------------------------------------- disputes

    private MediationCourtGateway court() {
        if (court == null) {
            Address at = read("court() on the DealManager " + deployment.dealManager(), deals::court);
            court = new MediationCourtGateway(chain, at);
        }
        return court;
    }

    @Override
    public Tx requestMediation(Deal deal) {
        return Tx.of(send("requestMediation", deployment.dealManager(), DealManagerGateway.requestMediation(deal)));
    }

    @Override
    public Tx appeal(Deal deal) {
        return Tx.of(send("appeal", court().address(), MediationCourtGateway.appeal(deal)));
    }

    @Override
    public Mediation mediation(Deal deal) {
        MediationCourtGateway c = court();
        MediationCourtGateway.CaseState state = read("caseOf on the MediationCourt", () -> c.caseOf(deal.id()));
        MediationCourtGateway.Panel panel = read("panelOf on the MediationCourt", () -> c.panelOf(deal));
        MediationCourtGateway.Deadline d = read("currentDeadline on the MediationCourt", () -> c.currentDeadline(deal));
        return new Mediation(state.round(), state.verdict0(), state.verdictPending(), panel.members(), panel.drawn(), d.deadline(),
                d.passed());
    }

    @Override
    public MediatorStatus mediator(Address account) {
        MediationCourtGateway c = court();
        MediationCourtGateway.MediatorInfo info = read("mediator() on the MediationCourt", () -> c.mediator(account));
        boolean eligible = read("isEligible on the MediationCourt", () -> c.isEligible(account));
        BigInteger min = read("minBond on the MediationCourt", c::minBond);
        return new MediatorStatus(info.bond(), info.exitAt(), info.capabilities(), eligible, min);
    }

    @Override
    public Tx registerMediator(BigInteger amount) {
        return Tx.of(send("register", court().address(),
                MediationCourtGateway.register(amount, MediationCourtGateway.CAPABILITY_WASM)));
    }

    @Override
    public Tx unregisterMediator() {
        return Tx.of(send("unregister", court().address(), MediationCourtGateway.unregister()));
    }

    @Override
    public Tx withdrawBond() {
        return Tx.of(send("withdrawBond", court().address(), MediationCourtGateway.withdrawBond()));
    }

    // -------------------------------------------------------------- helpers

    private interface Read<T> {
        T get() throws IOException;
    }

    private <T> T read(String what, Read<T> read) {
        try {
            return read.get();
        } catch (IOException e) {
            throw CliException.failure(what + " failed: " + DirectSender.describe(e), e);
        }
    }

    private Mined send(String what, Address to, byte[] calldata) {
        if (sender == null) {
            account(); // throws the usage error
        }
        try {
            return sender.send(what, to, calldata);
        } catch (TxFailedException e) {
            throw CliException.failure(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        chain.close();
    }
}
