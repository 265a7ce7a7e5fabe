package io.pactum.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pactum.chain.client.Keystores;
import io.pactum.cli.CliException;
import io.pactum.protocol.crypto.EthKey;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    static final String KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    static final String T = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
    static final String V = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
    static final String D = "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0";

    @TempDir
    Path root;

    @Test
    void shouldFindTheDevnetProfileAboveTheWorkingDirectoryAndReadADeploymentFile() throws Exception {
        Path profileDir = Files.createDirectories(root.resolve(".pactum/devnet"));
        Files.writeString(profileDir.resolve("deployment.json"), "{\"chainId\":31337,\"token\":\"" + T + "\",\"vault\":\"" + V
                + "\",\"dealManager\":\"" + D + "\",\"networkFeeBps\":100,\"deployer\":\"" + T + "\",\"deployBlock\":3,"
                + "\"cidRegistry\":\"" + T + "\",\"didRegistry\":\"" + V + "\",\"soulRegistry\":\"" + D + "\"}");
        Files.writeString(profileDir.resolve("cli.json"), "{\"rpcUrl\":\"http://127.0.0.1:8545\",\"chainId\":31337,"
                + "\"deployment\":\"deployment.json\",\"solverUrl\":\"http://127.0.0.1:8081\",\"ipfsUrl\":\"http://127.0.0.1:8082\","
                + "\"key\":\"" + KEY + "\"}");
        Path sub = Files.createDirectories(root.resolve("a/b"));
        CliConfig c = new ConfigLoader(Map.of("PACTUM_SOLVER_URL", "http://solver:9000"), sub, () -> null)
                .load(new ConfigLoader.Overrides(null, "http://rpc:1", null, null, null));
        assertThat(c.rpcUrls()).as("flag wins").containsExactly(URI.create("http://rpc:1"));
        assertThat(c.solverUrl().toString()).as("env wins over file").isEqualTo("http://solver:9000");
        assertThat(c.ipfsUrl().toString()).isEqualTo("http://127.0.0.1:8082");
        assertThat(c.deployment().dealManager().toLowerHex()).isEqualTo(D);
        assertThat(c.deployment().deployBlock()).isEqualTo(3);
        assertThat(c.chainId()).isEqualTo(31337L);
        assertThat(c.key().load().address().toLowerHex()).isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
        assertThat(c.key().toString()).doesNotContain("ac0974");
    }

    @Test
    void shouldReadTheProfilesDefaultMediatorsAndRejectABadOne() throws Exception {
        Path profile = root.resolve("with-mediators.json");
        Files.writeString(profile, "{\"mediators\":[\"" + T + "\"]}");
        CliConfig c = new ConfigLoader(Map.of(), root, () -> null)
                .load(new ConfigLoader.Overrides(profile, null, null, null, null));
        assertThat(c.mediators()).extracting(a -> a.toLowerHex()).containsExactly(T);

        Files.writeString(profile, "{\"mediators\":[\"0x1234\"]}");
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), root, () -> null)
                .load(new ConfigLoader.Overrides(profile, null, null, null, null)))
                .isInstanceOf(CliException.class).hasMessageContaining("mediators[0]");
    }

    @Test
    void shouldTakeSeveralRpcUrlsCommaSeparatedInTheirOrder() {
        CliConfig c = new ConfigLoader(Map.of("PACTUM_RPC_URL", " http://a:8545 , https://b.example/v3/k "), root,
                () -> null).load(ConfigLoader.Overrides.none());
        assertThat(c.rpcUrls()).containsExactly(URI.create("http://a:8545"), URI.create("https://b.example/v3/k"));
        assertThat(c.requireRpcUrl()).as("as ChainConnection.open takes it").isEqualTo("http://a:8545,https://b.example/v3/k");
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), root, () -> null)
                .load(new ConfigLoader.Overrides(null, "http://a:1,ws://b:1", null, null, null)))
                .isInstanceOf(CliException.class).hasMessage("rpcUrl: RPC URL 2 of 2 is not an http(s) URL (scheme ws)");
    }

    @Test
    void shouldExplainWhatIsMissing() {
        CliConfig c = new ConfigLoader(Map.of(), root, () -> null).load(ConfigLoader.Overrides.none());
        assertThatThrownBy(c::requireRpcUrl).isInstanceOf(CliException.class).hasMessageContaining("PACTUM_RPC_URL");
        assertThatThrownBy(() -> c.key().load()).isInstanceOf(CliException.class).hasMessageContaining("no key configured");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("PACTUM_RPC_URL", "ftp://x"), root, () -> null)
                .load(ConfigLoader.Overrides.none())).hasMessageContaining("not an http(s) URL");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("PACTUM_RPC_URL", "http://a:1,,http://b:1"), root, () -> null)
                .load(ConfigLoader.Overrides.none())).isInstanceOf(CliException.class)
                .hasMessage("rpcUrl: RPC URL 2 of 3 is empty (a comma too many?)");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("PACTUM_TOKEN", T), root, () -> null)
                .load(ConfigLoader.Overrides.none())).hasMessageContaining("deployment.vault is missing");
    }

    @Test
    void shouldOpenAnEncryptedKeystoreWithThePasswordFromTheEnvironment() throws Exception {
        EthKey key = EthKey.generate(new SecureRandom());
        String file = Keystores.write(key, "s3cret".toCharArray(), root, true).getFileName().toString();
        CliConfig c = new ConfigLoader(Map.of("PACTUM_KEYSTORE_PASSWORD", "s3cret"), root, () -> null)
                .load(new ConfigLoader.Overrides(null, null, null, null, Path.of(file)));
        assertThat(c.key().load().address().toLowerHex()).isEqualTo(key.address().toLowerHex());

        CliConfig wrong = new ConfigLoader(Map.of("PACTUM_KEYSTORE_PASSWORD", "nope"), root, () -> null)
                .load(new ConfigLoader.Overrides(null, null, null, null, Path.of(file)));
        assertThatThrownBy(() -> wrong.key().load()).isInstanceOf(CliException.class).hasMessageContaining("wrong password");
        CliConfig noPassword = new ConfigLoader(Map.of(), root, () -> null)
                .load(new ConfigLoader.Overrides(null, null, null, null, Path.of(file)));
        assertThatThrownBy(() -> noPassword.key().load()).hasMessageContaining("PACTUM_KEYSTORE_PASSWORD");
    }
}
