package io.pactum.chain.client;

import io.pactum.protocol.crypto.EthKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.web3j.crypto.exception.CipherException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.WalletUtils;
import org.web3j.utils.Numeric;

/**
 * Encrypted JSON keystores (the geth/web3j V3 format, as written by {@code cast wallet new}) ⇄
 * protocol {@link EthKey}.
 */
public final class Keystores {
  private Keystores() {}

  /** Decrypts {@code file}; {@link IllegalArgumentException} for a wrong password or a file that is not a keystore. */
  public static EthKey open(Path file, char[] password) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("keystore not found: " + file);
    }
    try {
      Credentials c = WalletUtils.loadCredentials(new String(password), file.toFile());
      return EthKey.fromBytes(Numeric.toBytesPadded(c.getEcKeyPair().getPrivateKey(), 32));
    } catch (CipherException | IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot open keystore " + file + " (wrong password or not a keystore)", e);
    }
  }

  /**
   * Writes {@code key} encrypted with {@code password} into {@code dir}; {@code light}: cheap
   * scrypt parameters (tests), else the standard ones. Returns the new file.
   */
  public static Path write(EthKey key, char[] password, Path dir, boolean light) throws IOException {
    ECKeyPair pair = ECKeyPair.create(Numeric.toBigInt(key.privateKeyHex()));
    try {
      String name = WalletUtils.generateWalletFile(new String(password), pair, dir.toFile(), !light);
      return dir.resolve(name);
    } catch (CipherException e) {
      throw new IOException("cannot write keystore: " + e.getMessage(), e);
    }
  }
}
