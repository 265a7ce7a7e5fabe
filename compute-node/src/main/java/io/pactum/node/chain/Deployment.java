package io.pactum.node.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The deployment file of contracts/script/Deploy.s.sol: {@code chainId, token, vault, dealManager, deployBlock}. */
public record Deployment(long chainId, String token, String vault, String dealManager, long deployBlock) {

    public static Deployment read(Path file) throws IOException {
        JsonNode n = new ObjectMapper().readTree(Files.readAllBytes(file));
        for (String k : new String[] {"chainId", "token", "vault", "dealManager", "deployBlock"}) {
            if (!n.hasNonNull(k)) {
                throw new IOException("deployment file " + file + " lacks " + k);
            }
        }
        return new Deployment(n.get("chainId").asLong(), n.get("token").asText(), n.get("vault").asText(),
                n.get("dealManager").asText(), n.get("deployBlock").asLong());
    }
}
