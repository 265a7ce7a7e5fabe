package io.pactum.mediator.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** The deployment file of contracts/script/Deploy.s.sol, as far as the mediator needs it. */
public record Deployment(long chainId, String token, String vault, String dealManager, String mediationCourt, long deployBlock) {

    public static Deployment read(Path file) throws IOException {
        JsonNode n = new ObjectMapper().readTree(file.toFile());
        if (!n.hasNonNull("mediationCourt")) {
            throw new IOException(file + " has no mediationCourt (deployed before mediation shipped?)");
        }
        return new Deployment(n.get("chainId").asLong(), n.get("token").asText(), n.get("vault").asText(),
                n.get("dealManager").asText(), n.get("mediationCourt").asText(), n.get("deployBlock").asLong());
    }
}
