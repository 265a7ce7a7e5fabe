package io.pactum.cli.config;

import io.pactum.chain.client.Keystores;
import io.pactum.cli.CliException;
import io.pactum.protocol.crypto.EthKey;
import java.io.Console;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the client's signing key comes from: a plain hex key (development profiles only) or an
 * encrypted JSON keystore (the geth V3 format, as written by {@code cast wallet new}; read by the
 * chain module's {@code Keystores}) opened with a password from {@code
 * PACTUM_KEYSTORE_PASSWORD} or a console prompt. {@link #toString()} never shows key material.
 */
public sealed interface KeySource {

    /** Loads the key; usage error (exit 2) when it is missing, malformed or the password is wrong. */
    Signer load();

    /** A hex private key given in the dev profile, {@code PACTUM_KEY} or {@code --key}. */
    record HexKey(String hex) implements KeySource {
        @Override
        public Signer load() {
            try {
                return Signer.of(EthKey.fromHex(hex.startsWith("0x") ? hex : "0x" + hex));
            } catch (IllegalArgumentException e) {
                throw CliException.usage("the configured key is not a valid private key (0x + 64 hex digits)");
            }
        }

        @Override
        public String toString() {
            return "HexKey[***]";
        }
    }

    /** An encrypted keystore file. */
    record Keystore(Path file, Map<String, String> env, Supplier<Console> console) implements KeySource {
        @Override
        public Signer load() {
            if (!Files.isRegularFile(file)) {
                throw CliException.usage("keystore not found: " + file);
            }
            char[] password = password();
            try {
                return Signer.of(Keystores.open(file, password));
            } catch (Exception e) {
                throw CliException.usage("cannot open keystore " + file + " (wrong password or not a keystore)");
            } finally {
                Arrays.fill(password, '\0');
            }
        }

        private char[] password() {
            String fromEnv = env.get("PACTUM_KEYSTORE_PASSWORD");
            if (fromEnv != null) {
                return fromEnv.toCharArray();
            }
            Console c = console.get();
            if (c == null) {
                throw CliException.usage("keystore " + file + " needs a password: set PACTUM_KEYSTORE_PASSWORD or run in a terminal");
            }
            char[] p = c.readPassword("Password for %s: ", file.getFileName());
            if (p == null) {
                throw CliException.usage("no keystore password given");
            }
            return p;
        }

        @Override
        public String toString() {
            return "Keystore[" + file + "]";
        }
    }

    /** No key configured: read-only commands still work. */
    record None() implements KeySource {
        @Override
        public Signer load() {
            throw CliException.usage(
                    "no key configured: set \"key\" or \"keystore\" in the profile, PACTUM_KEY / PACTUM_KEYSTORE, or --keystore");
        }
    }
}
