package io.pactum.chain.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.chain.testing.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ProtocolErrorCatalogueTest {
  private static final Pattern ERROR = Pattern.compile("\\berror\\s+(\\w+)\\s*\\(([^)]*)\\)\\s*;", Pattern.DOTALL);
  private static final Set<String> ENUMS = Set.of("DealPhase", "NodeStatus", "EpochState", "FaultType", "FaultStatus", "RootStatus");

  /** Canonical ABI signatures of every {@code error} declared in contracts/src/interfaces/*.sol. */
  static List<String> declaredErrors() throws IOException {
    List<String> out = new ArrayList<>();
    Path dir = RepoRoot.get().resolve("contracts/src/interfaces");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".sol")).sorted().toList()) {
        String src = Files.readString(f).replaceAll("//[^\n]*", "");
        Matcher m = ERROR.matcher(src);
        while (m.find()) {
          String params = m.group(2).trim();
          String types = params.isEmpty() ? "" : Stream.of(params.split(","))
              .map(p -> p.trim().split("\\s+")[0])
              .map(t -> ENUMS.contains(t) ? "uint8" : t.equals("uint") ? "uint256" : t)
              .collect(Collectors.joining(","));
          out.add(m.group(1) + "(" + types + ")");
        }
      }
    }
    return out;
  }

  @Test
  void shouldHaveAnEntryForEveryErrorDeclaredInTheInterfaces() throws IOException {
    List<String> declared = declaredErrors();
    assertThat(declared).hasSizeGreaterThanOrEqualTo(16);
    List<String> missing = declared.stream().filter(sig -> ProtocolError.bySignature(sig).isEmpty()).toList();
    assertThat(missing).as("errors declared in contracts/src/interfaces without a ProtocolError entry").isEmpty();
  }

  @Test
  void shouldComputeKnownSelectors() {
    assertThat(ProtocolError.ERROR_STRING.selector()).isEqualTo("0x08c379a0");
    assertThat(ProtocolError.PANIC.selector()).isEqualTo("0x4e487b71");
    assertThat(ProtocolError.ECDSA_INVALID_SIGNATURE.selector()).isEqualTo("0xf645eedf");
    assertThat(ProtocolError.ERC20_INSUFFICIENT_BALANCE.selector()).isEqualTo("0xe450d38c");
    assertThat(ProtocolError.ERC20_INSUFFICIENT_ALLOWANCE.selector()).isEqualTo("0xfb8f41b2");
  }
}
