package io.pactum.cli.client;

import io.pactum.cli.CliException;
import io.pactum.cli.chain.DealChain;
import io.pactum.cli.chain.DealPhase;
import io.pactum.cli.chain.Funds;
import io.pactum.cli.chain.LiveChain;
import io.pactum.cli.config.CliConfig;
import io.pactum.cli.config.Signer;
import io.pactum.cli.files.JobFiles;
import io.pactum.cli.solver.DealView;
import io.pactum.cli.solver.HttpSolverApi;
import io.pactum.cli.solver.SolverApi;
import io.pactum.cli.units.TokenAmount;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.deal.JobOffer;
import io.pactum.protocol.eip712.Eip712Domain;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The job flow of a Pactum client, as a library: the {@code pactum job run} command, the devnet
 * launcher and the end-to-end tests all drive this class.
 *
 * <p>{@link #run} validates the files, uploads module, inputs and the job spec to the node's
 * content store (checking each CID locally), makes sure the vault free balance covers price and
 * collateral, signs and posts the {@link JobOffer}, waits for the solver's proposal, checks it
 * against the offer ({@link DealCheck}) and signs it, then follows the deal on chain — from
 * contract state ({@code dealRecord}, {@code currentDeadline}) measured in chain time, events only
 * for the facts state does not keep — fetches and verifies the outcome and stdout, and accepts.
 * {@link #state()} tells at any moment which offer and deal are in flight (for Ctrl-C).
 */
public final class JobClient implements AutoCloseable {
    /** What is in flight, for interruption messages. */
    public record State(JobPhase lastPhase, Bytes32 jobOfferId, Bytes32 dealId) {}

    private final Funds funds;
    private final DealChain chain;
    private final SolverApi solver;
    private final Content content;
    private final JobSpecs specs;
    private final Signer signer;
    private final Eip712Domain domain;
    private final Duration poll;
    private final AutoCloseable resources;
    private final AtomicReference<State> state = new AtomicReference<>(new State(null, null, null));
    private final SecureRandom random = new SecureRandom();
    /** Accept attempts when reorganisations keep taking the result away. */
    private static final int MAX_ACCEPT_ATTEMPTS = 5;

    public JobClient(Funds funds, DealChain chain, SolverApi solver, Content content, JobSpecs specs, Signer signer,
            Eip712Domain domain, Duration poll, AutoCloseable resources) {
        this.funds = funds;
        this.chain = chain;
        this.solver = solver;
        this.content = content;
        this.specs = specs;
        this.signer = signer;
        this.domain = domain;
        this.poll = poll;
        this.resources = resources;
    }

    /** The live client of a profile: its chain, solver, node content store and key. */
    public static JobClient connect(CliConfig config) {
        Signer signer = config.key().load();
        var solverUrl = config.requireSolverUrl();
        var ipfsUrl = config.requireIpfsUrl();
        LiveChain live = LiveChain.open(config, signer);
        Eip712Domain domain = Eip712Domain.pactum(live.chainId(), live.deployment().dealManager());
        return new JobClient(live, live, new HttpSolverApi(solverUrl), Adapters.content(ipfsUrl), Adapters.jobSpecs(),
                signer, domain, Duration.ofMillis(200), live);
    }

    public State state() {
        return state.get();
    }

    public Address client() {
        return signer.address();
    }

    /** Runs a job to its end (accepted, or result verified with {@code accept=false}). */
    public JobResult run(JobRequest req, JobListener listener) {
        JobFiles.validate(req.module(), req.inputs());
        if (req.maxFuel() <= 0) {
            throw CliException.usage("--max-fuel must be positive");
        }

        // 1. upload
        Cid moduleCid = ContentCheck.addVerified(content, req.module().getFileName().toString(), read(req.module()));
        List<JobSpecs.Input> inputs = new ArrayList<>();
        for (Path p : req.inputs()) {
            byte[] bytes = read(p);
            inputs.add(new JobSpecs.Input(p.getFileName().toString(),
                    ContentCheck.addVerified(content, p.getFileName().toString(), bytes), bytes.length));
        }
        byte[] spec = specs.spec(moduleCid, inputs, req.args(), req.maxFuel(), req.memoryMiB());
        Cid specCid = ContentCheck.addVerified(content, "job-spec.json", spec);
        listener.onPhase(JobPhase.UPLOADED, "uploaded module " + moduleCid + ", " + inputs.size() + " input(s), job spec "
                + specCid, details("module", moduleCid.toString(), "jobSpec", specCid.toString()));
        advance(JobPhase.UPLOADED, null, null);

        // 2. funds: the client locks price (at most maxPrice) + collateral at agreement
        BigInteger required = req.maxPrice().add(req.collateral());
        FundsOps.Deposit deposit = FundsOps.ensureFree(funds, required, listener::onNote);
        listener.onPhase(JobPhase.FUNDED, "vault free balance covers " + TokenAmount.format(required)
                + (deposit == null ? "" : " (deposited " + TokenAmount.format(deposit.amount()) + ")"),
                details("required", required.toString(), "depositTx", deposit == null ? null : deposit.deposit().hash()));

        // 3. offer
        long now = chain.chainTime();
        JobOffer offer = new JobOffer(signer.address(), Bytes.of(specCid.toBytes()), req.cpuMillis(), req.memoryMiB(),
                req.maxFuel(), req.maxPrice(), req.collateral(), req.mediationFee(), req.mediators(), req.resultTimeout(),
                req.judgeTimeout(), req.mediationTimeout(), new BigInteger(128, random),
                now + req.offerTtl().toSeconds());
        Bytes32 offerId = offer.id();
        Signature offerSig = offer.sign(signer.key(), domain);
        Bytes32 posted = solver.postJobOffer(offer, offerSig);
        if (!posted.equals(offerId)) {
            throw CliException.failure("the solver filed the offer as " + posted + ", not its id " + offerId);
        }
        advance(JobPhase.OFFER_POSTED, offerId, null);
        listener.onPhase(JobPhase.OFFER_POSTED, "offer posted " + offerId + " (max price "
                + TokenAmount.format(req.maxPrice()) + ", expires in " + req.offerTtl().toSeconds() + "s)",
                details("jobOfferId", offerId.toHex(), "expiry", offer.expiry()));

        // 4. proposal → check → sign
        Deal deal = awaitProposal(offer, req.matchTimeout());
        Bytes32 dealId = deal.id();
        List<String> problems = DealCheck.problems(offer, deal, chain.chainTime());
        if (!problems.isEmpty()) {
            throw CliException.failure("refusing to sign deal " + dealId + " proposed for offer " + offerId + ": "
                    + String.join("; ", problems));
        }
        DealView signed = solver.signDeal(dealId, deal.sign(signer.key(), domain));
        advance(JobPhase.MATCHED, offerId, dealId);
        listener.onPhase(JobPhase.MATCHED, "matched with node " + deal.node() + ": deal " + dealId + ", price "
                + TokenAmount.format(deal.price()) + " (signed, solver status " + signed.status() + ")",
                details("dealId", dealId.toHex(), "node", deal.node().toString(), "price", deal.price().toString()));

        // 5. agreed (contract state, within the agree deadline in chain time)
        DealChain.Record record = awaitPhaseBeyond(deal, DealPhase.NODE_AGREED, "agreement", deal.agreeDeadline());
        if (record.phase().ordinal() < DealPhase.AGREED.ordinal() || record.phase() == DealPhase.AGREE_EXPIRED) {
            throw CliException.failure("deal " + dealId + " was not agreed: phase " + record.phase().solidityName());
        }
        Optional<DealChain.Event> agreed = event(dealId, "DealAgreed");
        String agreeTx = agreed.map(DealChain.Event::txHash).orElse(signed.txHash());
        long agreeBlock = agreed.map(DealChain.Event::block).orElse(-1L);
        advance(JobPhase.AGREED, offerId, dealId);
        listener.onPhase(JobPhase.AGREED, "agreed (tx " + agreeTx + ", block " + agreeBlock + "); result due by "
                + Describe.time(record.agreedAt() + deal.resultTimeout()),
                details("tx", agreeTx, "block", agreeBlock, "agreedAt", record.agreedAt()));

        // 6. result posted
        DealChain.Record result = awaitPhaseBeyond(deal, DealPhase.AGREED, "the result", -1);
        if (result.phase() != DealPhase.RESULT_POSTED && result.phase() != DealPhase.ACCEPTED) {
            throw CliException.failure("deal " + dealId + " ended without a result: phase " + result.phase().solidityName());
        }
        DealChain.Event posted2 = event(dealId, "ResultPosted").orElseThrow(
                () -> CliException.failure("deal " + dealId + " is in phase " + result.phase().solidityName()
                        + " but no ResultPosted event was found"));
        Cid resultCid = posted2.resultCid().map(b -> Cid.fromBytes(b.toArray())).orElseThrow();
        long fuelUsed = result.fuelUsed();
        advance(JobPhase.RESULT_POSTED, offerId, dealId);
        listener.onPhase(JobPhase.RESULT_POSTED, "result posted " + resultCid + " (fuel " + fuelUsed + ", tx "
                + posted2.txHash() + ")", details("resultCid", resultCid.toString(), "fuelUsed", fuelUsed,
                "tx", posted2.txHash()));

        // 7. outcome + stdout, verified by hash
        JobSpecs.Outcome outcome = specs.outcome(ContentCheck.catVerified(content, resultCid, "outcome record"));
        if (outcome.fuelUsed() != fuelUsed) {
            throw CliException.failure("the outcome record reports fuel " + outcome.fuelUsed() + " but the node posted "
                    + fuelUsed + " on chain; not accepting (deal " + dealId + ")");
        }
        byte[] stdout = outcome.stdout() == null ? new byte[0] : ContentCheck.catVerified(content, outcome.stdout(), "stdout");
        advance(JobPhase.OUTPUT_FETCHED, offerId, dealId);
        listener.onPhase(JobPhase.OUTPUT_FETCHED, "output fetched: " + outcome.status()
                + (outcome.exitCode() == null ? "" : ", exit code " + outcome.exitCode()) + ", " + stdout.length
                + " bytes of stdout", details("status", outcome.status(), "exitCode", outcome.exitCode(),
                "stdoutBytes", stdout.length));

        // 8. accept
        DealChain.Accepted accepted = null;
        DealPhase end = result.phase();
        if (req.accept() && result.phase() == DealPhase.RESULT_POSTED) {
            accepted = acceptVerified(deal, resultCid);
            end = DealPhase.ACCEPTED;
            advance(JobPhase.ACCEPTED, offerId, dealId);
            listener.onPhase(JobPhase.ACCEPTED, "accepted (tx " + accepted.tx().hash() + "): node paid "
                    + TokenAmount.format(accepted.nodePayment()) + ", network fee " + TokenAmount.format(accepted.networkFee())
                    + ", client refund " + TokenAmount.format(accepted.clientRefund()),
                    details("tx", accepted.tx().hash(), "nodePayment", accepted.nodePayment().toString(),
                            "networkFee", accepted.networkFee().toString(), "clientRefund",
                            accepted.clientRefund().toString()));
        }
        return new JobResult(offerId, dealId, deal, agreeTx, agreeBlock, resultCid, fuelUsed, outcome, stdout, accepted, end);
    }

    /**
     * Accepts the result whose CID was verified. A reorganisation may take the ResultPosted
     * block (or the agreement too) away after the client saw it: then wait
     * until the node's result is on chain again, check it is still the CID verified, and accept.
     */
    private DealChain.Accepted acceptVerified(Deal deal, Cid resultCid) {
        Bytes32 dealId = deal.id();
        for (int attempt = 1; ; attempt++) {
            try {
                return chain.acceptResult(deal);
            } catch (CliException e) {
                DealChain.Record now = chain.dealRecord(dealId);
                boolean reorganisedAway = now.phase().ordinal() < DealPhase.RESULT_POSTED.ordinal();
                if (!reorganisedAway || attempt >= MAX_ACCEPT_ATTEMPTS) {
                    throw e;
                }
                DealChain.Record again = awaitPhaseBeyond(deal, DealPhase.AGREED, "the result to be posted again", -1);
                if (again.phase() != DealPhase.RESULT_POSTED) {
                    throw CliException.failure("deal " + dealId + " left the result phase after a reorganisation: phase "
                            + again.phase().solidityName());
                }
                Cid reposted = event(dealId, "ResultPosted").flatMap(DealChain.Event::resultCid)
                        .map(b -> Cid.fromBytes(b.toArray())).orElse(null);
                if (!resultCid.equals(reposted)) {
                    throw CliException.failure("after a reorganisation deal " + dealId + " carries result " + reposted
                            + ", not the verified " + resultCid + "; not accepting (see: pactum deal show " + dealId + ")");
                }
            }
        }
    }

    private Deal awaitProposal(JobOffer offer, Duration timeout) {
        Bytes32 offerId = offer.id();
        long until = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (DealView v : solver.proposedDeals(offer.client())) {
                if (v.deal() != null && v.deal().jobOfferId().equals(offerId)) {
                    if (!v.deal().id().equals(v.dealId())) {
                        throw CliException.failure("the solver's deal id " + v.dealId() + " is not the hash of its terms");
                    }
                    return v.deal();
                }
            }
            if (System.nanoTime() > until) {
                throw CliException.failure("no node matched offer " + offerId + " within " + timeout.toSeconds()
                        + "s; it stays in the order book until its expiry " + Describe.time(offer.expiry()));
            }
            sleep();
        }
    }

    /**
     * Polls {@code dealRecord} until the phase is beyond {@code from}. Gives up when the running
     * deadline ({@code currentDeadline}, or {@code agreeDeadline} before agreement) has passed in
     * chain time.
     */
    private DealChain.Record awaitPhaseBeyond(Deal deal, DealPhase from, String what, long fixedDeadline) {
        Bytes32 dealId = deal.id();
        while (true) {
            DealChain.Record r = chain.dealRecord(dealId);
            if (r.phase().ordinal() > from.ordinal()) {
                return r;
            }
            long now = chain.chainTime();
            if (fixedDeadline > 0 && r.phase() == DealPhase.NONE) {
                if (now > fixedDeadline) {
                    throw CliException.failure("deal " + dealId + " was not agreed by its agree deadline "
                            + Describe.time(fixedDeadline) + " (chain time " + Describe.time(now) + ")");
                }
                failIfTheSolverGaveUp(dealId);
            }
            if (r.phase() != DealPhase.NONE) {
                DealChain.Deadline d = chain.currentDeadline(deal);
                if (d.passed()) {
                    throw CliException.failure("deal " + dealId + ": " + Describe.deadlineKind(r.phase()) + " "
                            + Describe.time(d.deadline()) + " passed while waiting for " + what + "; anyone may now call "
                            + Describe.timeoutCall(r.phase()) + " (see: pactum deal show " + dealId + ")");
                }
            }
            sleep();
        }
    }

    /**
     * Before agreement the solver knows more than the chain: a proposal the node refused to sign
     * expires, a relay that reverted fails. Stop waiting then, with the solver's reason.
     */
    private void failIfTheSolverGaveUp(Bytes32 dealId) {
        DealView view = solver.deal(dealId);
        if (view != null && ("expired".equals(view.status()) || "failed".equals(view.status()))) {
            throw CliException.failure("deal " + dealId + " " + view.status() + " at the solver before agreement"
                    + (view.error() == null ? "" : ": " + view.error())
                    + "; nothing was locked for it on chain");
        }
    }

    private Optional<DealChain.Event> event(Bytes32 dealId, String name) {
        return chain.events(dealId).stream().filter(e -> e.name().equals(name)).findFirst();
    }

    private void advance(JobPhase phase, Bytes32 offerId, Bytes32 dealId) {
        state.set(new State(phase, offerId, dealId));
    }

    private void sleep() {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            State s = state.get();
            throw CliException.failure("interrupted" + (s.dealId() != null ? " following deal " + s.dealId() : "")
                    + (s.jobOfferId() != null ? " (offer " + s.jobOfferId() + ")" : ""));
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw CliException.usage("cannot read " + p + ": " + e.getMessage());
        }
    }

    private static Map<String, Object> details(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Override
    public void close() {
        try {
            if (resources != null) {
                resources.close();
            }
        } catch (Exception e) {
            // closing connections: nothing to report
        }
    }
}
