package io.pactum.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pactum.chain.client.Keystores;
import io.pactum.protocol.crypto.EthKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** W10: keystore with its password from the environment; no key material in logs, messages or toString. */
class NodeKeyTest {
    static final String PASSWORD = "correct horse battery staple";
    static final EthKey KEY = EthKey.generate(new SecureRandom());

    @TempDir Path dir;
    final List<String> logged = new ArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            String msg = r.getMessage();
            if (r.getParameters() != null && msg != null) {
                try {
                    msg = String.format(msg, r.getParameters());
                } catch (RuntimeException ignored) {
                    msg = msg + " " + java.util.Arrays.toString(r.getParameters());
                }
            }
            logged.add(msg + (r.getThrown() == null ? "" : " " + r.getThrown()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    /** NodeKey's logger at INFO for the test: a Quarkus test earlier in the same JVM may have left io.pactum at WARN. */
    final Logger nodeKeyLogger = Logger.getLogger(NodeKey.class.getName());
    java.util.logging.Level previousLevel;

    @BeforeEach
    void captureLogs() {
        previousLevel = nodeKeyLogger.getLevel();
        nodeKeyLogger.setLevel(java.util.logging.Level.INFO);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void release() {
        Logger.getLogger("").removeHandler(capture);
        nodeKeyLogger.setLevel(previousLevel);
    }

    Path keystore() throws Exception {
        return Keystores.write(KEY, PASSWORD.toCharArray(), dir, true);
    }

    @Test
    void shouldOpenTheKeystoreWithThePasswordFromTheEnvironment() throws Exception {
        Path file = keystore();
        EthKey key = NodeKey.load(Optional.of(file.toString()), Optional.of("0x" + "11".repeat(32)),
                Map.of(NodeKey.PASSWORD_ENV, PASSWORD)::get);
        assertThat(key.address()).isEqualTo(KEY.address()); // the keystore wins over a plain key
        assertThat(key.toString()).doesNotContain(hex(KEY)).doesNotContain(PASSWORD);
        assertThat(logged).anyMatch(l -> l.contains("from keystore")); // the capture works
        assertNoSecretIn(logged);
        assertThat(Files.readString(file)).doesNotContain(hex(KEY)); // encrypted at rest
    }

    @Test
    void shouldRefuseToStartWithoutThePassword() throws Exception {
        Path file = keystore();
        assertThatThrownBy(() -> NodeKey.load(Optional.of(file.toString()), Optional.empty(), Map.<String, String>of()::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pactum.node.keystore")
                .hasMessageContaining(NodeKey.PASSWORD_ENV);
        assertThatThrownBy(() -> NodeKey.load(Optional.of(file.toString()), Optional.empty(),
                Map.of(NodeKey.PASSWORD_ENV, "")::get))
                .hasMessageContaining(NodeKey.PASSWORD_ENV);
    }

    @Test
    void shouldRefuseAWrongPasswordOrAMissingFileWithoutEchoingThePassword() throws Exception {
        Path file = keystore();
        String wrong = "not-the-password-xyz";
        assertThatThrownBy(() -> NodeKey.load(Optional.of(file.toString()), Optional.empty(),
                Map.of(NodeKey.PASSWORD_ENV, wrong)::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wrong password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong))
                .hasNoCause();
        assertThatThrownBy(() -> NodeKey.load(Optional.of(dir.resolve("none.json").toString()), Optional.empty(),
                Map.of(NodeKey.PASSWORD_ENV, PASSWORD)::get))
                .hasMessageContaining("keystore not found")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
        assertThat(logged).noneMatch(l -> l.contains(wrong));
    }

    @Test
    void shouldKeepTheDevnetPlainKeyPath() {
        EthKey key = NodeKey.load(Optional.empty(), Optional.of(hex(KEY)), Map.<String, String>of()::get);
        assertThat(key.address()).isEqualTo(KEY.address());
        assertThat(logged).anyMatch(l -> l.contains("development only"));
        assertNoSecretIn(logged);
    }

    @Test
    void shouldRefuseNoKeyOrABadPlainKeyWithoutEchoingIt() {
        assertThatThrownBy(() -> NodeKey.load(Optional.empty(), Optional.empty(), Map.<String, String>of()::get))
                .hasMessageContaining("no node key");
        String bad = "0x" + "ab".repeat(31) + "zz";
        assertThatThrownBy(() -> NodeKey.load(Optional.empty(), Optional.of(bad), Map.<String, String>of()::get))
                .hasMessageContaining("not a valid private key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(bad));
    }

    private void assertNoSecretIn(List<String> lines) {
        String bare = hex(KEY).substring(2);
        assertThat(lines).noneMatch(l -> l.toLowerCase().contains(bare)).noneMatch(l -> l.contains(PASSWORD));
    }

    private static String hex(EthKey k) {
        return k.privateKeyHex();
    }
}
