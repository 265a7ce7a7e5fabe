package io.pactum.chain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pactum.chain.client.Keystores;
import io.pactum.protocol.crypto.EthKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * W10 for one worker's key (node, relayer, mediator): the keystore opens with its password from
 * the environment and wins over a plain key; a missing or wrong password, a missing file, no key
 * or a bad plain key stop the start with a reason naming the role's own settings; neither the key
 * nor the password reaches a log line, an exception message or a {@code toString}. Each worker's
 * test extends this with its loader and setting names.
 */
public abstract class RoleKeyContract {
    static final String PASSWORD = "correct horse battery staple";
    static final EthKey KEY = EthKey.generate(new SecureRandom());

    /** The worker's loader: keystore path, plain key, environment. */
    protected abstract EthKey load(Optional<String> keystore, Optional<String> plainKey, Function<String, String> env);

    /** Its password variable, e.g. {@code PACTUM_NODE_KEYSTORE_PASSWORD}. */
    protected abstract String passwordEnv();

    /** Its keystore setting, e.g. {@code pactum.node.keystore}. */
    protected abstract String keystoreSetting();

    /** Its role as messages name it, e.g. {@code node}. */
    protected abstract String role();

    /** The class whose logger reports the key's source. */
    protected abstract Class<?> loggingClass();

    @TempDir Path dir;
    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            String msg = r.getMessage();
            if (r.getParameters() != null && msg != null) {
                try {
                    msg = String.format(msg, r.getParameters());
                } catch (RuntimeException ignored) {
                    msg = msg + " " + Arrays.toString(r.getParameters());
                }
            }
            logged.add(msg + (r.getThrown() == null ? "" : " " + r.getThrown()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private Logger logger;
    private Level previousLevel;

    /** The loader's logger at INFO: a Quarkus test earlier in the same JVM may have left io.pactum at WARN. */
    @BeforeEach
    void captureLogs() {
        logger = Logger.getLogger(loggingClass().getName());
        previousLevel = logger.getLevel();
        logger.setLevel(Level.INFO);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void release() {
        Logger.getLogger("").removeHandler(capture);
        logger.setLevel(previousLevel);
    }

    private Path keystore() throws Exception {
        return Keystores.write(KEY, PASSWORD.toCharArray(), dir, true);
    }

    @Test
    void shouldOpenTheKeystoreWithThePasswordFromTheEnvironment() throws Exception {
        Path file = keystore();
        EthKey key = load(Optional.of(file.toString()), Optional.of("0x" + "11".repeat(32)), Map.of(passwordEnv(), PASSWORD)::get);
        assertThat(key.address()).isEqualTo(KEY.address()); // the keystore wins over a plain key
        assertThat(key.toString()).doesNotContain(KEY.privateKeyHex()).doesNotContain(PASSWORD);
        assertThat(logged).anyMatch(l -> l.contains("from keystore")); // the capture works
        assertNoSecretIn(logged);
        assertThat(Files.readString(file)).doesNotContain(KEY.privateKeyHex()); // encrypted at rest
    }

    @Test
    void shouldRefuseToStartWithoutThePassword() throws Exception {
        Path file = keystore();
        assertThatThrownBy(() -> load(Optional.of(file.toString()), Optional.empty(), Map.<String, String>of()::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(keystoreSetting())
                .hasMessageContaining(passwordEnv());
        assertThatThrownBy(() -> load(Optional.of(file.toString()), Optional.empty(), Map.of(passwordEnv(), "")::get))
                .hasMessageContaining(passwordEnv());
    }

    @Test
    void shouldRefuseAWrongPasswordOrAMissingFileWithoutEchoingThePassword() throws Exception {
        Path file = keystore();
        String wrong = "not-the-password-xyz";
        assertThatThrownBy(() -> load(Optional.of(file.toString()), Optional.empty(), Map.of(passwordEnv(), wrong)::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wrong password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong))
                .hasNoCause();
        assertThatThrownBy(() -> load(Optional.of(dir.resolve("none.json").toString()), Optional.empty(),
                Map.of(passwordEnv(), PASSWORD)::get))
                .hasMessageContaining("keystore not found")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
        assertThat(logged).noneMatch(l -> l.contains(wrong));
    }

    @Test
    void shouldKeepTheDevnetPlainKeyPath() {
        EthKey key = load(Optional.empty(), Optional.of(KEY.privateKeyHex()), Map.<String, String>of()::get);
        assertThat(key.address()).isEqualTo(KEY.address());
        assertThat(logged).anyMatch(l -> l.contains("development only"));
        assertNoSecretIn(logged);
    }

    @Test
    void shouldRefuseNoKeyOrABadPlainKeyWithoutEchoingIt() {
        assertThatThrownBy(() -> load(Optional.empty(), Optional.empty(), Map.<String, String>of()::get))
                .hasMessageContaining("no " + role() + " key");
        String bad = "0x" + "ab".repeat(31) + "zz";
        assertThatThrownBy(() -> load(Optional.empty(), Optional.of(bad), Map.<String, String>of()::get))
                .hasMessageContaining("not a valid private key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(bad));
    }

    private static void assertNoSecretIn(List<String> lines) {
        String bare = KEY.privateKeyHex().substring(2);
        assertThat(lines).noneMatch(l -> l.toLowerCase().contains(bare)).noneMatch(l -> l.contains(PASSWORD));
    }
}
