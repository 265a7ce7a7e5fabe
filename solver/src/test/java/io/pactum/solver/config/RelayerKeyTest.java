package io.pactum.solver.config;

import io.pactum.chain.testing.RoleKeyContract;
import io.pactum.protocol.crypto.EthKey;
import java.util.Optional;
import java.util.function.Function;

/** W10 for the relayer key (RelayerKey): the shared contract of every worker's key loading, with its own settings. */
class RelayerKeyTest extends RoleKeyContract {
    @Override
    protected EthKey load(Optional<String> keystore, Optional<String> plainKey, Function<String, String> env) {
        return RelayerKey.load(keystore, plainKey, env);
    }

    @Override
    protected String passwordEnv() {
        return RelayerKey.PASSWORD_ENV;
    }

    @Override
    protected String keystoreSetting() {
        return "pactum.chain.relayer-keystore";
    }

    @Override
    protected String role() {
        return "relayer";
    }

    @Override
    protected Class<?> loggingClass() {
        return RelayerKey.class;
    }
}
