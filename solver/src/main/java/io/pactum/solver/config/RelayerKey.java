package io.pactum.solver.config;

import io.pactum.chain.client.RoleKeySource;
import io.pactum.protocol.crypto.EthKey;
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
    private static final RoleKeySource SOURCE = new RoleKeySource("relayer", "pactum.chain.relayer-keystore", "pactum.chain.relayer-private-key", PASSWORD_ENV);

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
        RoleKeySource.Loaded loaded = SOURCE.load(keystore, plainKey, env);
        if (loaded.fromKeystore()) {
            LOG.infof("relayer key %s from keystore %s", loaded.key().address(), loaded.keystore());
        } else {
            LOG.warnf("relayer key %s from a plain private key in configuration: development only (W10), "
                    + "use pactum.chain.relayer-keystore in production", loaded.key().address());
        }
        return loaded.key();
    }
}
