package io.pactum.node.config;

import io.pactum.chain.client.RoleKeySource;
import io.pactum.protocol.crypto.EthKey;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The node's key (W10): an encrypted keystore ({@code pactum.node.keystore}, password from
 * {@value #PASSWORD_ENV}) or, for the devnet only, a plain hex key ({@code pactum.node.key}).
 * Start-up fails with a clear message when a keystore is configured without its password or cannot
 * be opened. Neither the key nor the password ever reaches a log line, an exception message or a
 * {@code toString}.
 */
public final class NodeKey {
    /** Environment variable holding the keystore's password. */
    public static final String PASSWORD_ENV = "PACTUM_NODE_KEYSTORE_PASSWORD";

    private static final Logger LOG = Logger.getLogger(NodeKey.class);
    private static final RoleKeySource SOURCE = new RoleKeySource("node", "pactum.node.keystore", "pactum.node.key", PASSWORD_ENV);

    private NodeKey() {}

    /** Loads the key with the process environment. */
    public static EthKey load(NodeConfig config) {
        return load(config.keystore(), config.key(), System::getenv);
    }

    /**
     * @param env the environment (a function so that tests need not set real variables)
     * @throws IllegalStateException with an operator-facing reason; never the key or the password
     */
    public static EthKey load(Optional<String> keystore, Optional<String> plainKey, Function<String, String> env) {
        RoleKeySource.Loaded loaded = SOURCE.load(keystore, plainKey, env);
        if (loaded.fromKeystore()) {
            LOG.infof("node key %s from keystore %s", loaded.key().address(), loaded.keystore());
        } else {
            LOG.warnf("node key %s from a plain private key in configuration: development only (W10), "
                    + "use pactum.node.keystore in production", loaded.key().address());
        }
        return loaded.key();
    }
}
