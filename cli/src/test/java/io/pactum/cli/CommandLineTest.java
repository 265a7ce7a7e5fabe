package io.pactum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pactum.cli.chain.DealChain;
import io.pactum.cli.chain.Funds;
import io.pactum.cli.chain.Tx;
import io.pactum.cli.client.JobClient;
import io.pactum.cli.config.CliConfig;
import io.pactum.cli.config.ConfigLoader;
import io.pactum.cli.solver.SolverApi;
import io.pactum.protocol.crypto.Address;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
