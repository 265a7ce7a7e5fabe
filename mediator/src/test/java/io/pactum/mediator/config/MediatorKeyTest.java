package io.pactum.mediator.config;

import io.pactum.chain.testing.RoleKeyContract;
import io.pactum.protocol.crypto.EthKey;
import java.util.Optional;
import java.util.function.Function;

/** W10 for the mediator key (MediatorKey): the shared contract of every worker's key loading, with its own settings. */
class MediatorKeyTest extends RoleKeyContract {
    @Override
    protected EthKey load(Optional<String> keystore, Optional<String> plainKey, Function<String, String> env) {
        return MediatorKey.load(keystore, plainKey, env);
    }

    @Override
    protected String passwordEnv() {
        return MediatorKey.PASSWORD_ENV;
    }

    @Override
    protected String keystoreSetting() {
        return "pactum.mediator.keystore";
    }

    @Override
    protected String role() {
        return "mediator";
    }

    @Override
    protected Class<?> loggingClass() {
        return MediatorKey.class;
    }
}
