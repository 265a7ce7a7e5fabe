package io.pactum.solver.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The deployment JSON written by {@code contracts/script/Deploy.s.sol}: {@code chainId, token,
 * vault, dealManager, deployBlock} (numbers as JSON numbers or decimal strings), and the optional
 * registry address {@code didRegistry} (absent in deployments older than the registries).
 */
public record Deployment(long chainId, String token, String vault, String dealManager, long deployBlock,
        java.util.Optional<String> didRegistry) {

    public static Deployment read(Path file) {
        try {
            JsonNode n = new ObjectMapper().readTree(Files.readString(file));
            return new Deployment(
                    number(n, "chainId", file), text(n, "token", file), text(n, "vault", file),
                    text(n, "dealManager", file), number(n, "deployBlock", file),
                    n.hasNonNull("didRegistry") ? java.util.Optional.of(text(n, "didRegistry", file))
                            : java.util.Optional.empty());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read deployment file " + file + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String key, Path file) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual()) {
            throw new IllegalStateException("deployment file " + file + " has no string '" + key + "'");
        }
        return v.asText();
    }

    private static long number(JsonNode n, String key, Path file) {
        JsonNode v = n.get(key);
        if (v != null && v.canConvertToLong()) {
            return v.asLong();
        }
        if (v != null && v.isTextual() && v.asText().matches("[0-9]{1,18}")) {
            return Long.parseLong(v.asText());
        }
        throw new IllegalStateException("deployment file " + file + " has no number '" + key + "'");
    }
}
