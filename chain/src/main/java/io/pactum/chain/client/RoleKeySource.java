package io.pactum.chain.client;

import io.pactum.protocol.crypto.EthKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where one role's signing key comes from (W10): an encrypted keystore whose password is in an
 * environment variable, or, on a development chain only, a plain hex key from configuration. The one
 * rule every worker (node, solver relayer, mediator) applies; each names its own settings. Failures
 * are {@link IllegalStateException}s with an operator-facing reason that never holds the key or the
 * password.
 *
 * @param role the role's name in messages ("node", "relayer", "mediator")
 * @param keystoreProperty the configuration key of the keystore path
 * @param keyProperty the configuration key of the development-only plain key
 * @param passwordEnv the environment variable holding the keystore's password
 */
public record RoleKeySource(String role, String keystoreProperty, String keyProperty, String passwordEnv) {

  /** A loaded key and whether it came from the keystore (callers log which, never the key). */
  public record Loaded(EthKey key, boolean fromKeystore, String keystore) {}

  /**
   * @param env the environment (a function so that tests need not set real variables)
   * @throws IllegalStateException with an operator-facing reason; never the key or the password
   */
  public Loaded load(Optional<String> keystore, Optional<String> plainKey, Function<String, String> env) {
    Optional<String> file = keystore.filter(s -> !s.isBlank());
    if (file.isPresent()) {
      String password = env.apply(passwordEnv);
      if (password == null || password.isEmpty()) {
        throw new IllegalStateException(keystoreProperty + " is set (" + file.get() + ") but " + passwordEnv
            + " is not: set the keystore password in the environment (W10)");
      }
      char[] pw = password.toCharArray();
      try {
        return new Loaded(Keystores.open(Path.of(file.get()), pw), true, file.get());
      } catch (IOException | IllegalArgumentException e) {
        // Keystores' messages name the file and the reason, never the password
        throw new IllegalStateException("cannot open the " + role + " keystore: " + e.getMessage());
      } finally {
        Arrays.fill(pw, '\0');
      }
    }
    String hex = plainKey.filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
        "no " + role + " key: set " + keystoreProperty + " (with " + passwordEnv
            + ") or, on a development chain, " + keyProperty));
    try {
      return new Loaded(EthKey.fromHex(hex), false, null);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(keyProperty + " is not a valid private key (0x + 64 hex digits)");
    }
  }
}
