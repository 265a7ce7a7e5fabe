package io.pactum.node.config;

import io.pactum.chain.testing.RoleKeyContract;
import io.pactum.protocol.crypto.EthKey;
import java.util.Optional;
import java.util.function.Function;

/** W10 for the node key (NodeKey): the shared contract of every worker's key loading, with its own settings. */
class NodeKeyTest extends RoleKeyContract {
    @Override
    protected EthKey load(Optional<String> keystore, Optional<String> plainKey, Function<String, String> env) {
        return NodeKey.load(keystore, plainKey, env);
    }

    @Override
    protected String passwordEnv() {
        return NodeKey.PASSWORD_ENV;
    }

    @Override
    protected String keystoreSetting() {
        return "pactum.node.keystore";
    }

    @Override
    protected String role() {
        return "node";
    }

    @Override
    protected Class<?> loggingClass() {
        return NodeKey.class;
    }
}
