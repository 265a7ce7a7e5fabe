package io.pactum.chain.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root: system property {@code pactum.root}, else the nearest ancestor of the cwd holding contracts/ and pom.xml. */
public final class RepoRoot {
  private RepoRoot() {}

  public static Path get() {
    String prop = System.getProperty("pactum.root");
    if (prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop, "contracts"))) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.isDirectory(p.resolve("contracts")) && Files.exists(p.resolve("pom.xml"))) {
        return p;
      }
      p = p.getParent();
    }
    throw new IllegalStateException("cannot find the repository root (set -Dpactum.root)");
  }
}
