package io.pactum.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pactum.chain.rpc.ChainConnection;
import io.pactum.chain.testing.Accounts;
import io.pactum.chain.testing.Anvil;
import io.pactum.chain.testing.Deployment;
import io.pactum.chain.token.TokenGateway;
import io.pactum.cli.chain.LiveChain;
import io.pactum.cli.config.ConfigLoader;
import io.pactum.cli.config.KeySource;
import io.pactum.protocol.crypto.Address;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pactum balance / deposit / withdraw} against the real contracts on anvil, deployed by
 * contracts/script/Deploy.s.sol (the chain module's {@link Deployment} fixture).
 */
class FundsIT {
    static Anvil anvil;
    static Map<String, String> env;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void deploy() {
        anvil = Anvil.start();
        Deployment d = Deployment.deploy(anvil);
        try (ChainConnection chain = ChainConnection.open(anvil.url(), 31337L)) {
            Deployment.sender(chain, d.deployerEthKey()).send("mint", d.token(),
                    TokenGateway.mint(Address.parse(Accounts.address(1)), new BigInteger("10000000000000000000")));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        env = new HashMap<>();
        env.put("PACTUM_RPC_URL", anvil.url());
        env.put("PACTUM_CHAIN_ID", "31337");
        env.put("PACTUM_TOKEN", d.token().toLowerHex());
        env.put("PACTUM_VAULT", d.vault().toLowerHex());
        env.put("PACTUM_DEAL_MANAGER", d.dealManager().toLowerHex());
        env.put("PACTUM_KEY", Accounts.PRIVATE_KEYS.get(1));
    }

    @AfterAll
    static void stop() {
        if (anvil != null) {
            anvil.close();
        }
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
        try (LiveChain chain = LiveChain.open(config, new KeySource.HexKey(Accounts.PRIVATE_KEYS.get(3)).load())) {
            assertThatThrownBy(() -> chain.withdraw(Address.parse(Accounts.address(3)), BigInteger.ONE))
                    .isInstanceOf(CliException.class)
                    .hasMessageContaining("withdraw would fail: VaultInsufficientFree");
        }
    }
}
