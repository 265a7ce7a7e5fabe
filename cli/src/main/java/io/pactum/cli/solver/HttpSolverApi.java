package io.pactum.cli.solver;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pactum.cli.CliException;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.deal.JobOffer;
import io.pactum.protocol.json.ProtocolJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link SolverApi} over HTTP (JDK client, JSON through {@link ProtocolJson}). A 4xx answer
 * becomes a failure with the solver's error code and message; an unreachable solver or a 5xx a
 * failure naming the URL.
 */
public final class HttpSolverApi implements SolverApi {
    private static final ObjectMapper JSON = ProtocolJson.create()
            .disable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private final URI base;
    private final HttpClient http;

    public HttpSolverApi(URI base) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public Bytes32 postJobOffer(JobOffer offer, Signature signature) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("offer", offer);
        body.put("signature", signature);
        JsonNode answer = exchange("POST", "v1/job-offers", body, "posting the job offer");
        try {
            return Bytes32.fromHex(answer.path("id").asText());
        } catch (IllegalArgumentException e) {
            throw CliException.failure("the solver answered the job offer without a valid id: " + answer);
        }
    }

    @Override
    public List<DealView> proposedDeals(Address party) {
        JsonNode answer = exchange("GET", "v1/deals?party=" + party + "&status=proposed", null, "listing proposed deals");
        return convert(answer, new TypeReference<List<DealView>>() {}, "deal list");
    }

    @Override
    public DealView deal(Bytes32 dealId) {
        return convert(exchange("GET", "v1/deals/" + dealId.toHex(), null, "reading deal " + dealId), DealView.class);
    }

    @Override
    public DealView signDeal(Bytes32 dealId, Signature signature) {
        JsonNode answer = exchange("POST", "v1/deals/" + dealId.toHex() + "/signatures",
                Map.of("signature", signature), "signing deal " + dealId);
        return convert(answer, DealView.class);
    }

    private DealView convert(JsonNode node, Class<DealView> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (IOException e) {
            throw CliException.failure("the solver sent a deal the client cannot read: " + e.getMessage());
        }
    }

    private <T> T convert(JsonNode node, TypeReference<T> type, String what) {
        try {
            return JSON.readValue(JSON.treeAsTokens(node), type);
        } catch (IOException e) {
            throw CliException.failure("the solver sent a " + what + " the client cannot read: " + e.getMessage());
        }
    }

    private static JsonNode parse(byte[] body, boolean error, String what) {
        if (body.length == 0) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            if (error) {
                return JSON.nullNode();
            }
            throw CliException.failure("the solver's answer to " + what + " is not JSON");
        }
    }

    private JsonNode exchange(String method, String path, Object body, String what) {
        URI uri = base.resolve(path);
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        try {
            if (body == null) {
                rb.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                rb.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode node = parse(r.body(), r.statusCode() >= 400, what);
            if (r.statusCode() >= 400) {
                String code = node.path("error").asText("HTTP_" + r.statusCode());
                String message = node.path("message").asText("");
                String field = node.path("field").isTextual() ? " (field " + node.path("field").asText() + ")" : "";
                throw CliException.failure("solver refused " + what + ": " + code
                        + (message.isEmpty() ? "" : ": " + message) + field);
            }
            return node;
        } catch (IOException e) {
            throw CliException.failure("solver unreachable at " + base + " while " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failure("interrupted while " + what);
        }
    }
}
