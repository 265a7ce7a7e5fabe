package io.pactum.solver;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.chain.testing.Layering;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md: only chain/ (and the generated contract-wrappers/) touch web3j; the solver
 * reaches the chain through the chain module. solver/pom.xml bans a direct web3j dependency; this test
 * catches imports of the transitive one.
 */
class ArchitectureTest {
    @Test
    void shouldNotImportWeb3jInSolver() {
        assertThat(Layering.web3jImports(Path.of("src/main/java")))
                .as("solver/src/main/java must not import org.web3j: only the chain module touches web3j "
                        + "(docs/architecture.md, \"Layers\"). Use io.pactum.chain.* (gateways, TxManager, LogPoller) instead, "
                        + "or add what is missing there")
                .isEmpty();
    }
}
