package io.pactum.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pactum.cli.CliException;
import io.pactum.cli.chain.DealChain;
import io.pactum.cli.chain.DealPhase;
import io.pactum.cli.chain.Tx;
import io.pactum.cli.config.Signer;
import io.pactum.cli.solver.DealView;
import io.pactum.cli.solver.SolverApi;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.EthKey;
import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.crypto.Signatures;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.deal.JobOffer;
import io.pactum.protocol.eip712.Eip712Domain;
import io.pactum.protocol.job.JobOutcome;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole job flow against in-memory fakes of the store, the solver and the chain. */
class JobClientTest {
    static final EthKey CLIENT = EthKey.fromHex("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    static final Address NODE = Address.parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    static final Eip712Domain DOMAIN = Eip712Domain.pactum(31337, Address.parse("0x5fbdb2315678afecb367f032d93f642f64180aa3"));

    @TempDir
    Path dir;

    final Map<Cid, byte[]> store = new HashMap<>();
    final Content content = new Content() {
        @Override
        public Cid add(String name, byte[] bytes) {
            Cid c = ContentCheck.cidOf(bytes);
            store.put(c, bytes);
            return c;
        }

        @Override
        public byte[] cat(Cid cid) {
            return store.get(cid);
        }
    };
    final CommandLineFunds funds = new CommandLineFunds();
    final FakeWorld world = new FakeWorld();
    BigInteger proposedPrice = BigInteger.valueOf(80);

    JobRequest request(boolean accept) throws Exception {
        Path wasm = Files.write(dir.resolve("job.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        Path in = Files.writeString(dir.resolve("in.txt"), "hello");
        return new JobRequest(wasm, List.of(in), List.of("--upper"), 1_000_000, BigInteger.valueOf(100), BigInteger.TEN,
                BigInteger.ZERO, List.of(), 300, 300, 600, 1000, 256, Duration.ofMinutes(10), Duration.ofSeconds(5), accept);
    }

    JobClient client() {
        return new JobClient(funds, world, world, content, Adapters.jobSpecs(), Signer.of(CLIENT), DOMAIN,
                Duration.ofMillis(1), null);
    }

    @Test
    void shouldRunAJobToAcceptanceAnnouncingEachPhaseOnce() throws Exception {
        List<JobPhase> phases = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        JobResult r = client().run(request(true), new JobListener() {
            @Override
            public void onPhase(JobPhase phase, String line, Map<String, Object> details) {
                phases.add(phase);
            }

            @Override
            public void onNote(String line) {
                notes.add(line);
            }
        });
        assertThat(phases).containsExactly(JobPhase.values());
        assertThat(notes).anyMatch(n -> n.contains("depositing"));
        assertThat(funds.free).isEqualTo(BigInteger.valueOf(110)); // maxPrice + collateral
        assertThat(new String(r.stdout(), StandardCharsets.UTF_8)).isEqualTo("HELLO\n");
        assertThat(r.accepted().nodePayment()).isEqualTo(BigInteger.valueOf(79));
        assertThat(r.phase()).isEqualTo(DealPhase.ACCEPTED);
        assertThat(r.fuelUsed()).isEqualTo(4242);
        assertThat(world.clientSignatureValid).isTrue();
    }

    @Test
    void shouldStopAfterVerifyingWithoutAccept() throws Exception {
        JobResult r = client().run(request(false), JobListener.NONE);
        assertThat(r.accepted()).isNull();
        assertThat(r.phase()).isEqualTo(DealPhase.RESULT_POSTED);
    }

    @Test
    void shouldRefuseToSignADealAboveTheMaxPrice() throws Exception {
        proposedPrice = BigInteger.valueOf(101);
        JobClient c = client();
        assertThatThrownBy(() -> c.run(request(true), JobListener.NONE))
                .isInstanceOf(CliException.class).hasMessageContaining("refusing to sign").hasMessageContaining("maxPrice");
        assertThat(world.signed).isFalse();
        assertThat(c.state().jobOfferId()).isNotNull();
    }

    @Test
    void shouldRejectAnOutputThatDoesNotMatchItsCid() throws Exception {
        world.corruptStdout = true;
        assertThatThrownBy(() -> client().run(request(true), JobListener.NONE))
                .isInstanceOf(CliException.class).hasMessageContaining("does not hash");
    }

    /** Solver and chain in one: a proposal per offer, agreement when the client signs, a result at once. */
    final class FakeWorld implements SolverApi, DealChain {
        Deal deal;
        boolean signed;
        boolean clientSignatureValid;
        boolean corruptStdout;
        DealPhase phase = DealPhase.NONE;
        long now = 1_700_000_000L;
        Cid resultCid;

        @Override
        public Bytes32 postJobOffer(JobOffer offer, Signature signature) {
            assertThat(Signatures.verify(offer.digest(DOMAIN), signature, offer.client())).isTrue();
            deal = new Deal(offer.client(), NODE, offer.id(), Bytes32.keccak(new byte[] {7}), offer.jobSpecCid(),
                    offer.maxFuel(), proposedPrice, BigInteger.ZERO, offer.clientCollateral(), BigInteger.ONE,
                    BigInteger.TWO, offer.mediationFee(), List.of(), now + 60, offer.resultTimeout(), offer.judgeTimeout(),
                    offer.mediationTimeout());
            return offer.id();
        }

        @Override
        public List<DealView> proposedDeals(Address party) {
            return deal == null || signed ? List.of()
                    : List.of(new DealView(deal.id(), deal, "proposed", false, true, null, null));
        }

        @Override
        public DealView deal(Bytes32 dealId) {
            return new DealView(dealId, deal, phase == DealPhase.NONE ? "proposed" : "agreed", signed, true, null, null);
        }

        @Override
        public DealView signDeal(Bytes32 dealId, Signature signature) {
            clientSignatureValid = Signatures.verify(deal.digest(DOMAIN), signature, deal.client());
            signed = true;
            phase = DealPhase.AGREED;
            // the node runs the job and posts its outcome
            byte[] stdout = "HELLO\n".getBytes(StandardCharsets.UTF_8);
            Cid stdoutCid = content.add("stdout", stdout);
            if (corruptStdout) {
                store.put(stdoutCid, "HELLO?\n".getBytes(StandardCharsets.UTF_8));
            }
            Cid stderrCid = content.add("stderr", new byte[0]);
            JobOutcome o = new JobOutcome(JobOutcome.Status.OK, 0, 4242, stdoutCid, stdout.length, stderrCid, 0);
            resultCid = content.add("outcome", o.toCanonicalJson());
            return new DealView(dealId, deal, "agreed", true, true, "0x" + "11".repeat(32), null);
        }

        @Override
        public long chainTime() {
            return now;
        }

        @Override
        public Record dealRecord(Bytes32 dealId) {
            if (phase == DealPhase.AGREED) { // the node posts on the next look
                phase = DealPhase.RESULT_POSTED;
                return new Record(DealPhase.AGREED, now, 0, 0, 0);
            }
            return new Record(phase, now, phase.ordinal() >= DealPhase.RESULT_POSTED.ordinal() ? now : 0, 0,
                    phase.ordinal() >= DealPhase.RESULT_POSTED.ordinal() ? 4242 : 0);
        }

        @Override
        public Deadline currentDeadline(Deal d) {
            return new Deadline(now + 300, false);
        }

        @Override
        public Accepted acceptResult(Deal d) {
            phase = DealPhase.ACCEPTED;
            return new Accepted(new Tx("0x" + "22".repeat(32), 9), BigInteger.valueOf(79), BigInteger.ONE,
                    BigInteger.valueOf(30));
        }

        @Override
        public List<Event> events(Bytes32 dealId) {
            List<Event> out = new ArrayList<>();
            if (phase.ordinal() >= DealPhase.AGREED.ordinal()) {
                out.add(new Event("DealAgreed", 5, "0x" + "11".repeat(32), Map.of(), deal));
            }
            if (resultCid != null && phase.ordinal() >= DealPhase.RESULT_POSTED.ordinal()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("resultCid", Bytes.of(resultCid.toBytes()).toHex());
                f.put("fuelUsed", BigInteger.valueOf(4242));
                out.add(new Event("ResultPosted", 6, "0x" + "33".repeat(32), f, null));
            }
            return out;
        }
    }

    /** Funds with an empty vault and a rich wallet. */
    static final class CommandLineFunds implements io.pactum.cli.chain.Funds {
        BigInteger wallet = BigInteger.valueOf(1000);
        BigInteger free = BigInteger.ZERO;
        BigInteger allowance = BigInteger.ZERO;

        @Override
        public Address account() {
            return CLIENT.address();
        }

        @Override
        public BigInteger tokenBalance(Address owner) {
            return wallet;
        }

        @Override
        public BigInteger freeBalance(Address owner) {
            return free;
        }

        @Override
        public BigInteger allowance(Address owner) {
            return allowance;
        }

        @Override
        public Tx approve(BigInteger amount) {
            allowance = amount;
            return new Tx("0x" + "aa".repeat(32), 1);
        }

        @Override
        public Tx deposit(BigInteger amount) {
            wallet = wallet.subtract(amount);
            free = free.add(amount);
            return new Tx("0x" + "bb".repeat(32), 2);
        }

        @Override
        public Tx withdraw(Address to, BigInteger amount) {
            throw new UnsupportedOperationException();
        }
    }
}
