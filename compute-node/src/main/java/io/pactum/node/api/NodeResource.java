package io.pactum.node.api;

import io.pactum.node.jobs.JdbcJobStore;
import io.pactum.node.offers.JdbcOfferStore;
import io.pactum.protocol.crypto.EthKey;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /v1/node} → {@code {"address", "openOffer", "jobs"}}. */
@Path("/v1/node")
@Blocking
public class NodeResource {

    @Inject
    EthKey key;

    @Inject
    JdbcOfferStore offers;

    @Inject
    JdbcJobStore jobs;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> node() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("address", key.address().toString());
        out.put("openOffer", offers.latestLive(key.address().toLowerHex()).map(o -> o.offerId()).orElse(null));
        out.put("jobs", jobs.count());
        return out;
    }
}
