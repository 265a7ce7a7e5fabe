package io.pactum.chain.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The layering rule of docs/architecture.md as a check the other modules' ArchitectureTests run:
 * only chain/ (and the generated contract-wrappers/) import web3j. Each module's pom bans a direct
 * web3j dependency; this finds imports of the transitive one.
 */
public final class Layering {
  private Layering() {}

  /** Every {@code import org.web3j…} under {@code sources}, as "relative/path:line: import …". */
  public static List<String> web3jImports(Path sources) {
    if (!Files.isDirectory(sources)) {
      throw new IllegalArgumentException(sources.toAbsolutePath() + " is not a directory: run from the module");
    }
    try (Stream<Path> files = Files.walk(sources)) {
      return files.filter(p -> p.toString().endsWith(".java"))
          .flatMap(file -> imports(sources, file))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Stream<String> imports(Path sources, Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return IntStream.range(0, lines.size())
          .filter(i -> lines.get(i).trim().matches("import\\s+(static\\s+)?org\\.web3j\\b.*"))
          .mapToObj(i -> sources.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
