package io.pactum.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.chain.testing.Accounts;
import io.pactum.chain.testing.Anvil;
import io.pactum.chain.testing.RepoRoot;
import io.pactum.cli.chain.Web3Chain;
import io.pactum.cli.config.ConfigLoader;
import io.pactum.cli.config.KeySource;
import io.pactum.protocol.crypto.Address;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;

/**
 * {@code pactum balance / deposit / withdraw} against the real contracts on anvil (deployed from
 * forge's artifacts in contracts/out, wired as Deploy.s.sol does).
 */
class FundsIT {
    static Anvil anvil;
    static Map<String, String> env;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void deploy() throws Exception {
        anvil = Anvil.start();
        try (ChainConnection chain = ChainConnection.open(anvil.url(), 31337L)) {
            Credentials owner = Accounts.credentials(0);
            RawTransactionManager tm = (RawTransactionManager) chain.transactionManager(owner);
            String ownerWord = new org.web3j.abi.datatypes.Address(owner.getAddress()).toString();
            String token = create(chain, tm, "PactumToken", List.of(new org.web3j.abi.datatypes.Address(owner.getAddress())));
            String vault = create(chain, tm, "CollateralVault", List.of(new org.web3j.abi.datatypes.Address(ownerWord)));
            String dm = create(chain, tm, "DealManager", List.of(new org.web3j.abi.datatypes.Address(vault),
                    new org.web3j.abi.datatypes.Address(token), new Uint16(100)));
            call(chain, tm, vault, new Function("setTokenAllowed",
                    List.of(new org.web3j.abi.datatypes.Address(token), new Bool(true)), List.of()));
            call(chain, tm, vault, new Function("setLocker",
                    List.of(new org.web3j.abi.datatypes.Address(dm), new Bool(true)), List.of()));
            call(chain, tm, token, new Function("mint", List.of(new org.web3j.abi.datatypes.Address(Accounts.address(1)),
                    new Uint256(new BigInteger("10000000000000000000"))), List.of()));
            env = new HashMap<>();
            env.put("PACTUM_RPC_URL", anvil.url());
            env.put("PACTUM_CHAIN_ID", "31337");
            env.put("PACTUM_TOKEN", token);
            env.put("PACTUM_VAULT", vault);
            env.put("PACTUM_DEAL_MANAGER", dm);
            env.put("PACTUM_KEY", Accounts.PRIVATE_KEYS.get(1));
        }
    }

    @AfterAll
    static void stop() {
        if (anvil != null) {
            anvil.close();
        }
    }

    static String create(ChainConnection chain, RawTransactionManager tm, String name, List<Type> args) throws Exception {
        JsonNode artifact = JSON.readTree(RepoRoot.get().resolve("contracts/out/" + name + ".sol/" + name + ".json").toFile());
        String code = artifact.path("bytecode").path("object").asText();
        String data = code + FunctionEncoder.encodeConstructor(args);
        String hash = tm.sendTransaction(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(12_000_000), "", data,
                BigInteger.ZERO).getTransactionHash();
        TransactionReceipt r = chain.receiptProcessor(Duration.ofSeconds(30)).waitForTransactionReceipt(hash);
        assertThat(r.isStatusOK()).as(name + " deployed").isTrue();
        return r.getContractAddress();
    }

    static void call(ChainConnection chain, RawTransactionManager tm, String to, Function f) throws Exception {
        String hash = tm.sendTransaction(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(500_000), to,
                FunctionEncoder.encode(f), BigInteger.ZERO).getTransactionHash();
        assertThat(chain.receiptProcessor(Duration.ofSeconds(30)).waitForTransactionReceipt(hash).isStatusOK()).isTrue();
    }

    record Run(int code, String out, String err) {}

    Run pactum(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), new ConfigLoader(env, dir, () -> null),
                Backends.live());
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void shouldDepositWithdrawAndShowBalances() throws Exception {
        Run b = pactum("--json", "balance");
        assertThat(b.code()).as(b.err()).isZero();
        JsonNode before = JSON.readTree(b.out());
        assertThat(before.get("wallet").asText()).isEqualTo("10000000000000000000");
        assertThat(before.get("vaultFree").asText()).isEqualTo("0");

        Run d = pactum("--json", "deposit", "1.5");
        assertThat(d.code()).as(d.err()).isZero();
        JsonNode dep = JSON.readTree(d.out());
        assertThat(dep.get("approveTx").get("hash").asText()).startsWith("0x");
        assertThat(dep.get("vaultFree").asText()).isEqualTo("1500000000000000000");

        Run w = pactum("--json", "withdraw", "500000000000000000wei", "--to", Accounts.address(2));
        assertThat(w.code()).as(w.err()).isZero();
        assertThat(JSON.readTree(w.out()).get("vaultFree").asText()).isEqualTo("1000000000000000000");

        Run other = pactum("balance", Accounts.address(2));
        assertThat(other.code()).isZero();
        assertThat(other.out()).contains("wallet       0.5");

        Run tooMuch = pactum("withdraw", "5");
        assertThat(tooMuch.code()).isEqualTo(1);
        assertThat(tooMuch.err()).contains("vault free balance");
    }

    @Test
    void shouldDecodeARevertIntoItsProtocolError() {
        var config = new ConfigLoader(env, dir, () -> null).load(ConfigLoader.Overrides.none());
        try (Web3Chain chain = Web3Chain.open(config, new KeySource.HexKey(Accounts.PRIVATE_KEYS.get(3)).load())) {
            assertThatThrownBy(() -> chain.withdraw(Address.parse(Accounts.address(3)), BigInteger.ONE))
                    .isInstanceOf(CliException.class)
                    .hasMessageContaining("withdraw would fail: VaultInsufficientFree");
        }
    }
}
