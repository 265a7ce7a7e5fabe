package io.pactum.mediator.config;

import io.pactum.chain.client.Keystores;
import io.pactum.protocol.crypto.EthKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * The mediator's key (W10): an encrypted keystore ({@code pactum.mediator.keystore}, password from
 * {@value #PASSWORD_ENV}) or, for the devnet only, a plain hex key. Neither the key nor the password
 * ever reaches a log line or an exception message.
 */
public final class MediatorKey {
    public static final String PASSWORD_ENV = "PACTUM_MEDIATOR_KEYSTORE_PASSWORD";

    private MediatorKey() {}

    public static EthKey load(MediatorConfig config) {
        return load(config.keystore(), config.key(), System::getenv);
    }

    public static EthKey load(Optional<String> keystore, Optional<String> plainKey, Function<String, String> env) {
        Optional<String> file = keystore.filter(s -> !s.isBlank());
        if (file.isPresent()) {
            String password = env.apply(PASSWORD_ENV);
            if (password == null || password.isEmpty()) {
                throw new IllegalStateException("pactum.mediator.keystore is set (" + file.get() + ") but " + PASSWORD_ENV
                        + " is not: set the keystore password in the environment (W10)");
            }
            char[] pw = password.toCharArray();
            try {
                return Keystores.open(Path.of(file.get()), pw);
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalStateException("cannot open the mediator keystore: " + e.getMessage());
            } finally {
                Arrays.fill(pw, '\0');
            }
        }
        String hex = plainKey.filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                "no mediator key: set pactum.mediator.keystore (with " + PASSWORD_ENV
                        + ") or, on a development chain, pactum.mediator.key"));
        try {
            return EthKey.fromHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("pactum.mediator.key is not a valid private key");
        }
    }
}
