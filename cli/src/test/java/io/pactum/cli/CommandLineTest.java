package io.pactum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pactum.cli.chain.DealChain;
import io.pactum.cli.chain.DealPhase;
import io.pactum.cli.chain.Disputes;
import io.pactum.cli.chain.Funds;
import io.pactum.cli.chain.Tx;
import io.pactum.cli.client.JobClient;
import io.pactum.cli.config.CliConfig;
import io.pactum.cli.config.ConfigLoader;
import io.pactum.cli.solver.SolverApi;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.deal.Deal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    static final Address ME = Address.parse("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    static final Address OTHER = Address.parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");

    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final FakeFunds funds = new FakeFunds();
    final FakeDisputes disputes = new FakeDisputes();

    int run(String... args) {
        ConfigLoader loader = new ConfigLoader(Map.of(), dir, () -> null);
        return Main.run(args, new PrintWriter(out), new PrintWriter(err), loader, new Backends() {
            @Override
            public Funds funds(CliConfig config, boolean withKey) {
                return funds;
            }

            @Override
            public DealChain deals(CliConfig config) {
                throw new UnsupportedOperationException();
            }

            @Override
            public SolverApi solver(CliConfig config) {
                throw new UnsupportedOperationException();
            }

            @Override
            public JobClient jobClient(CliConfig config) {
                throw CliException.failure("no network in this test");
            }

            @Override
            public Disputes disputes(CliConfig config) {
                return disputes;
            }

            @Override
            public io.pactum.cli.chain.Registries registries(CliConfig config, boolean withKey) {
                throw new AssertionError("these commands never open the registries");
            }
        });
    }

    Path wasm() throws Exception {
        return Files.write(dir.resolve("job.wasm"), new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    }

    @Test
    void shouldRejectAnUnknownModuleFileWithExitCode2() {
        assertThat(run("job", "run", "missing.wasm")).isEqualTo(2);
        assertThat(err.toString()).contains("module file not found").contains("missing.wasm").doesNotContain("at io.");
    }

    @Test
    void shouldRejectAnUnknownInputFile() throws Exception {
        assertThat(run("job", "run", wasm().toString(), "--input", dir.resolve("nope.txt").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("input file not found");
    }

    @Test
    void shouldRejectANonWasmModule() throws Exception {
        Path notWasm = Files.writeString(dir.resolve("job.wasm"), "#!/bin/sh\necho hi\n");
        assertThat(run("job", "run", notWasm.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("not a WebAssembly binary");
    }

    @Test
    void shouldRejectAWrongWasmVersionAndAnEmptyModule() throws Exception {
        Path v2 = Files.write(dir.resolve("v2.wasm"), new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0});
        assertThat(run("job", "run", v2.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("not WebAssembly version 1");
        Path empty = Files.write(dir.resolve("empty.wasm"), new byte[0]);
        assertThat(run("job", "run", empty.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("module file is empty");
    }

    @Test
    void shouldRejectBadJobOptions() throws Exception {
        String m = wasm().toString();
        assertThat(run("job", "run", m, "--max-price", "lots")).isEqualTo(2);
        assertThat(err.toString()).contains("--max-price").contains("invalid amount");
        assertThat(run("job", "run", m, "--timeout-result", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--timeout-result must be between");
        assertThat(run("job", "run", m, "--mediator", "0x1234")).isEqualTo(2);
        assertThat(run("job", "run", m, "--max-fuel", "-5")).isEqualTo(2);
        assertThat(run("job", "run", m, "--bogus")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option");
    }

    @Test
    void shouldPassValidationThenFailRemotelyWithExitCode1() throws Exception {
        Path in = Files.writeString(dir.resolve("in.txt"), "hello");
        assertThat(run("job", "run", wasm().toString(), "--input", in.toString(), "--arg", "x")).isEqualTo(1);
        assertThat(err.toString()).contains("no network in this test");
    }

    @Test
    void shouldRejectBadAmountsForDepositAndWithdraw() {
        assertThat(run("deposit", "1.2.3")).isEqualTo(2);
        assertThat(err.toString()).contains("invalid amount");
        assertThat(run("deposit", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("greater than zero");
        assertThat(run("withdraw", "1", "--to", "0xnothex")).isEqualTo(2);
        assertThat(run("deposit")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter");
        assertThat(funds.sent).isEmpty();
    }

    @Test
    void shouldPrintBalanceAsJsonWithTheOptionBeforeOrAfterTheSubcommand() throws Exception {
        funds.wallet = new BigInteger("2500000000000000000");
        funds.free = BigInteger.valueOf(7);
        assertThat(run("--json", "balance")).isEqualTo(0);
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertThat(doc.get("account").asText()).isEqualTo(ME.toString());
        assertThat(doc.get("wallet").asText()).isEqualTo("2500000000000000000");
        assertThat(doc.get("vaultFree").asText()).isEqualTo("7");
        assertThat(doc.size()).isEqualTo(3);

        out.getBuffer().setLength(0);
        assertThat(run("balance", OTHER.toString(), "--json")).isEqualTo(0);
        assertThat(new ObjectMapper().readTree(out.toString()).get("account").asText()).isEqualTo(OTHER.toString());
    }

    @Test
    void shouldPrintBalanceForHumans() {
        funds.wallet = new BigInteger("2500000000000000000");
        assertThat(run("balance")).isEqualTo(0);
        assertThat(out.toString()).contains("wallet       2.5").contains("vault free   0");
    }

    @Test
    void shouldApproveOnlyTheMissingAllowanceAndDeposit() throws Exception {
        funds.wallet = new BigInteger("5000000000000000000");
        assertThat(run("--json", "deposit", "1.5")).isEqualTo(0);
        assertThat(funds.sent).containsExactly("approve 1500000000000000000", "deposit 1500000000000000000");
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertThat(doc.get("amount").asText()).isEqualTo("1500000000000000000");
        assertThat(doc.get("approveTx").get("hash").asText()).startsWith("0x");
        assertThat(doc.get("depositTx").get("block").asLong()).isPositive();
        assertThat(doc.get("vaultFree").asText()).isEqualTo("1500000000000000000");
        assertThat(err.toString()).contains("approved the vault").contains("deposited 1.5");
    }

    @Test
    void shouldRefuseToDepositMoreThanTheWalletHolds() {
        funds.wallet = BigInteger.ONE;
        assertThat(run("deposit", "2wei")).isEqualTo(1);
        assertThat(err.toString()).contains("less than");
        assertThat(funds.sent).isEmpty();
    }

    @Test
    void shouldWithdrawToAnotherAddressAndRefuseMoreThanFree() throws Exception {
        funds.free = BigInteger.TEN;
        assertThat(run("withdraw", "11wei")).isEqualTo(1);
        assertThat(err.toString()).contains("vault free balance");
        assertThat(run("--json", "withdraw", "4wei", "--to", OTHER.toString())).isEqualTo(0);
        assertThat(funds.sent).containsExactly("withdraw " + OTHER + " 4");
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertThat(doc.get("to").asText()).isEqualTo(OTHER.toString());
        assertThat(doc.get("vaultFree").asText()).isEqualTo("6");
    }

    @Test
    void shouldRejectAMalformedDealId() {
        assertThat(run("deal", "show", "0x1234")).isEqualTo(2);
        assertThat(err.toString()).contains("invalid deal id");
    }

    @Test
    void shouldReportAMissingSubcommandAsUsage() {
        assertThat(run("job")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
    }

    @Test
    void shouldReportABrokenProfileAsUsage() throws Exception {
        Path cfg = Files.writeString(dir.resolve("cli.json"), "{\"rpcUrl\": \"http://x\", \"colour\": 1}");
        assertThat(run("--config", cfg.toString(), "balance")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown field \"colour\"");
    }

    // ----------------------------------------------------------- disputes

    static final BigInteger FEE = new BigInteger("50000000000000000");
    static final Deal DEAL = new Deal(ME, OTHER, Bytes32.ZERO, Bytes32.ZERO, Bytes.of(new byte[] {1, 85, 0}), 1000,
            BigInteger.TEN, BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.TWO, FEE,
            List.of(Address.parse("0x00000000000000000000000000000000000000a1")), 2_000_000_000L, 60, 60, 60);

    @Test
    void shouldDisputeAPostedResultAsTheClient() throws Exception {
        disputes.free = FEE;
        assertThat(run("--json", "deal", "dispute", DEAL.id().toHex())).isEqualTo(0);
        assertThat(disputes.sent).containsExactly("requestMediation " + DEAL.id().toHex());
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertThat(doc.get("fee").asText()).isEqualTo(FEE.toString());
        assertThat(doc.get("mediation").get("panel").get(0).asText()).isEqualTo(DEAL.mediators().get(0).toString());
        assertThat(err.toString()).contains("disputed deal").contains("0.05 locked");
    }

    @Test
    void shouldRefuseDisputesThatCannotSucceed() {
        disputes.free = FEE.subtract(BigInteger.ONE);
        assertThat(run("deal", "dispute", DEAL.id().toHex())).isEqualTo(1);
        assertThat(err.toString()).contains("deposit first");
        disputes.free = FEE;
        disputes.judgePassed = true;
        assertThat(run("deal", "dispute", DEAL.id().toHex())).isEqualTo(1);
        assertThat(err.toString()).contains("judge window ended");
        disputes.judgePassed = false;
        disputes.phase = DealPhase.ACCEPTED;
        assertThat(run("deal", "dispute", DEAL.id().toHex())).isEqualTo(1);
        assertThat(err.toString()).contains("only a posted result");
        disputes.account = OTHER;
        assertThat(run("deal", "dispute", DEAL.id().toHex())).isEqualTo(2);
        assertThat(err.toString()).contains("only the deal's client");
        assertThat(disputes.sent).isEmpty();
    }

    @Test
    void shouldLetOnlyTheLoserAppealAPendingVerdict() {
        disputes.phase = DealPhase.MEDIATION_REQUESTED;
        disputes.free = FEE;
        disputes.mediation = new Disputes.Mediation(0, 1, true, DEAL.mediators(), true, 2_000_000_000L, false);
        disputes.account = OTHER; // the node won a "correct" verdict
        assertThat(run("deal", "appeal", DEAL.id().toHex())).isEqualTo(2);
        assertThat(err.toString()).contains("went against " + ME);
        disputes.account = ME;
        assertThat(run("deal", "appeal", DEAL.id().toHex())).isEqualTo(0);
        assertThat(disputes.sent).containsExactly("appeal " + DEAL.id().toHex());
        disputes.mediation = new Disputes.Mediation(1, 1, false, DEAL.mediators(), true, 2_000_000_000L, false);
        assertThat(run("deal", "appeal", DEAL.id().toHex())).isEqualTo(1);
        assertThat(err.toString()).contains("one appeal per deal");
    }

    @Test
    void shouldRegisterShowAndWithdrawAMediatorBond() throws Exception {
        disputes.free = new BigInteger("200000000000000000000");
        assertThat(run("mediator", "register", "99")).isEqualTo(2);
        assertThat(err.toString()).contains("below the minimum of 100");
        assertThat(run("mediator", "register", "100")).isEqualTo(0);
        assertThat(out.toString()).contains("eligible for panels");
        out.getBuffer().setLength(0);
        assertThat(run("--json", "mediator", "status")).isEqualTo(0);
        assertThat(new ObjectMapper().readTree(out.toString()).get("bond").asText()).isEqualTo("100000000000000000000");
        assertThat(run("mediator", "withdraw")).isEqualTo(0);
        assertThat(out.toString() + err).contains("unregistered");
        assertThat(run("mediator", "withdraw")).isEqualTo(1);
        assertThat(err.toString()).contains("withdrawable from");
        disputes.now = disputes.exitAt;
        assertThat(run("mediator", "withdraw")).isEqualTo(0);
        assertThat(disputes.sent).containsExactly("register 100000000000000000000", "unregister", "withdrawBond");
    }

    static final class FakeDisputes implements Disputes {
        Address account = ME;
        BigInteger free = BigInteger.ZERO;
        DealPhase phase = DealPhase.RESULT_POSTED;
        boolean judgePassed;
        Mediation mediation = new Mediation(0, 0, false, DEAL.mediators(), false, 2_000_000_000L, false);
        BigInteger bond = BigInteger.ZERO;
        long exitAt;
        long now = 1_000;
        final List<String> sent = new ArrayList<>();

        @Override
        public Address account() {
            return account;
        }

        @Override
        public BigInteger freeBalance(Address owner) {
            return free;
        }

        @Override
        public long chainTime() {
            return now;
        }

        @Override
        public Record dealRecord(Bytes32 dealId) {
            return new Record(phase, 1, 2, 0, 5);
        }

        @Override
        public Deadline currentDeadline(Deal deal) {
            return new Deadline(2_000, judgePassed);
        }

        @Override
        public Accepted acceptResult(Deal deal) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Event> events(Bytes32 dealId) {
            return List.of();
        }

        @Override
        public Optional<Deal> agreedTerms(Bytes32 dealId) {
            return dealId.equals(DEAL.id()) ? Optional.of(DEAL) : Optional.empty();
        }

        private Tx tx(String what) {
            sent.add(what);
            return new Tx("0x" + "cd".repeat(32), 42);
        }

        @Override
        public Tx requestMediation(Deal deal) {
            return tx("requestMediation " + deal.id().toHex());
        }

        @Override
        public Tx appeal(Deal deal) {
            return tx("appeal " + deal.id().toHex());
        }

        @Override
        public Mediation mediation(Deal deal) {
            return mediation;
        }

        @Override
        public MediatorStatus mediator(Address who) {
            BigInteger min = new BigInteger("100000000000000000000");
            return new MediatorStatus(bond, exitAt, bond.signum() > 0 ? 1 : 0, exitAt == 0 && bond.compareTo(min) >= 0, min);
        }

        @Override
        public Tx registerMediator(BigInteger amount) {
            bond = bond.add(amount);
            return tx("register " + amount);
        }

        @Override
        public Tx unregisterMediator() {
            exitAt = now + 7 * 86_400;
            return tx("unregister");
        }

        @Override
        public Tx withdrawBond() {
            bond = BigInteger.ZERO;
            exitAt = 0;
            return tx("withdrawBond");
        }
    }

    static final class FakeFunds implements Funds {
        BigInteger wallet = BigInteger.ZERO;
        BigInteger free = BigInteger.ZERO;
        BigInteger allowance = BigInteger.ZERO;
        final List<String> sent = new ArrayList<>();
        long block = 10;

        @Override
        public Address account() {
            return ME;
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

        private Tx tx() {
            return new Tx("0x" + "ab".repeat(32), ++block);
        }

        @Override
        public Tx approve(BigInteger amount) {
            sent.add("approve " + amount);
            allowance = amount;
            return tx();
        }

        @Override
        public Tx deposit(BigInteger amount) {
            sent.add("deposit " + amount);
            wallet = wallet.subtract(amount);
            free = free.add(amount);
            return tx();
        }

        @Override
        public Tx withdraw(Address to, BigInteger amount) {
            sent.add("withdraw " + to + " " + amount);
            free = free.subtract(amount);
            return tx();
        }
    }
}
