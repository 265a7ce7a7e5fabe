package io.pactum.mediator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.chain.testing.Layering;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md: only chain/ (and the generated contract-wrappers/) touch web3j; the mediator
 * reaches the chain through the chain module. mediator/pom.xml bans a direct web3j dependency; this test
 * catches imports of the transitive one.
 */
class ArchitectureTest {
    @Test
    void shouldNotImportWeb3jInMediator() {
        assertThat(Layering.web3jImports(Path.of("src/main/java")))
                .as("mediator/src/main/java must not import org.web3j: only the chain module touches web3j "
                        + "(docs/architecture.md, \"Layers\"). Use io.pactum.chain.* (gateways, TxManager, LogPoller) instead, "
                        + "or add what is missing there")
                .isEmpty();
    }
}
