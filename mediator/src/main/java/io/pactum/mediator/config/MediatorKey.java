package io.pactum.mediator.config;

import io.pactum.chain.client.RoleKeySource;
import io.pactum.protocol.crypto.EthKey;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The mediator's key (W10): an encrypted keystore ({@code pactum.mediator.keystore}, password from
 * {@value #PASSWORD_ENV}) or, for the devnet only, a plain hex key. Neither the key nor the password
 * ever reaches a log line or an exception message.
 */
public final class MediatorKey {
    public static final String PASSWORD_ENV = "PACTUM_MEDIATOR_KEYSTORE_PASSWORD";

    private static final Logger LOG = Logger.getLogger(MediatorKey.class);
    private static final RoleKeySource SOURCE = new RoleKeySource("mediator", "pactum.mediator.keystore", "pactum.mediator.key", PASSWORD_ENV);

    private MediatorKey() {}

    public static EthKey load(MediatorConfig config) {
        return load(config.keystore(), config.key(), System::getenv);
    }

    /**
     * @param env the environment (a function so that tests need not set real variables)
     * @throws IllegalStateException with an operator-facing reason; never the key or the password
     */
    public static EthKey load(Optional<String> keystore, Optional<String> plainKey, Function<String, String> env) {
        RoleKeySource.Loaded loaded = SOURCE.load(keystore, plainKey, env);
        if (loaded.fromKeystore()) {
            LOG.infof("mediator key %s from keystore %s", loaded.key().address(), loaded.keystore());
        } else {
            LOG.warnf("mediator key %s from a plain private key in configuration: development only (W10), "
                    + "use pactum.mediator.keystore in production", loaded.key().address());
        }
        return loaded.key();
    }
}
