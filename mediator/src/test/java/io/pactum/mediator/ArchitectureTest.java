package io.pactum.mediator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md: only chain/ (and the generated contract-wrappers/) touch web3j; the mediator
 * reaches the chain through the chain module's gateways, TxManager and LogPoller. The maven-enforcer rule
 * in mediator/pom.xml bans a direct web3j dependency; this test catches imports of the transitive one.
 */
class ArchitectureTest {
    static final Path SOURCES = Path.of("src/main/java");

    @Test
    void shouldNotImportWeb3jInTheMediator() throws IOException {
        assertThat(SOURCES).as("run from the mediator module directory").isDirectory();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(ArchitectureTest::web3jImports)
                    .toList();
        }
        assertThat(offenders)
                .as("mediator/src/main/java must not import org.web3j: only the chain module touches web3j "
                        + "(docs/architecture.md, \"Layers\"). Use io.pactum.chain.* (gateways, TxManager, LogPoller, "
                        + "Keystores) instead, or add what is missing there")
                .isEmpty();
    }

    private static Stream<String> web3jImports(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return java.util.stream.IntStream.range(0, lines.size())
                    .filter(i -> lines.get(i).trim().matches("import\\s+(static\\s+)?org\\.web3j\\b.*"))
                    .mapToObj(i -> SOURCES.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
