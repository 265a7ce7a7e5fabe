package io.pactum.solver.config;

import io.pactum.chain.client.Keystores;
import io.pactum.protocol.crypto.EthKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The relayer's key (W10): an encrypted keystore ({@code pactum.chain.relayer-keystore}, password
 * from {@value #PASSWORD_ENV}) or, for the devnet only, a plain hex key ({@code
 * pactum.chain.relayer-private-key}). Start-up fails with a clear message when a keystore is
 * configured without its password or cannot be opened. Neither the key nor the password ever
 * reaches a log line, an exception message or a {@code toString}.
 */
public final class RelayerKey {
    /** Environment variable holding the keystore's password. */
    public static final String PASSWORD_ENV = "PACTUM_SOLVER_KEYSTORE_PASSWORD";

    private static final Logger LOG = Logger.getLogger(RelayerKey.class);

    private RelayerKey() {}

    /** Loads the key with the process environment. */
    public static EthKey load(ChainConfig config) {
        return load(config.relayerKeystore(), config.relayerPrivateKey(), System::getenv);
    }

    /**
     * @param env the environment (a function so that tests need not set real variables)
     * @throws IllegalStateException with an operator-facing reason; never the key or the password
     */
    public static EthKey load(Optional<String> keystore, Optional<String> plainKey, Function<String, String> env) {
        Optional<String> file = keystore.filter(s -> !s.isBlank());
        if (file.isPresent()) {
            String password = env.apply(PASSWORD_ENV);
            if (password == null || password.isEmpty()) {
                throw new IllegalStateException("pactum.chain.relayer-keystore is set (" + file.get() + ") but "
                        + PASSWORD_ENV + " is not: set the keystore password in the environment (W10)");
            }
            char[] pw = password.toCharArray();
            try {
                EthKey key = Keystores.open(Path.of(file.get()), pw);
                LOG.infof("relayer key %s from keystore %s", key.address(), file.get());
                return key;
            } catch (IOException | IllegalArgumentException e) {
                // Keystores' messages name the file and the reason, never the password
                throw new IllegalStateException("cannot open the relayer keystore: " + e.getMessage());
            } finally {
                Arrays.fill(pw, '\0');
            }
        }
        String hex = plainKey.filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                "no relayer key: set pactum.chain.relayer-keystore (with " + PASSWORD_ENV
                        + ") or, on a development chain, pactum.chain.relayer-private-key"));
        EthKey key;
        try {
            key = EthKey.fromHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("pactum.chain.relayer-private-key is not a valid private key (0x + 64 hex digits)");
        }
        LOG.warnf("relayer key %s from a plain private key in configuration: development only (W10), "
                + "use pactum.chain.relayer-keystore in production", key.address());
        return key;
    }
}
