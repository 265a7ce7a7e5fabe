package io.pactum.node.solver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.Signature;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.deal.ResourceOffer;
import io.pactum.protocol.json.ProtocolJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link SolverClient} over HTTP with the JDK client and ProtocolJson (docs/api.md). */
public final class HttpSolverClient implements SolverClient {

    private static final ObjectMapper MAPPER = ProtocolJson.mapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final HttpClient http;

    public HttpSolverClient(String baseUrl) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public String postResourceOffer(ResourceOffer offer, Signature signature) throws IOException, SolverRejectedException {
        ObjectNode body = MAPPER.createObjectNode();
        body.set("offer", MAPPER.valueToTree(offer));
        body.put("signature", signature.toHex());
        JsonNode answer = send(post("v1/resource-offers", body));
        return answer.path("status").asText("open");
    }

    @Override
    public Optional<String> resourceOfferStatus(Bytes32 offerId) throws IOException {
        HttpResponse<String> r = exchange(HttpRequest.newBuilder(base.resolve("v1/resource-offers/" + offerId.toHex()))
                .timeout(TIMEOUT).GET().build());
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        try {
            return Optional.of(body(r).path("status").asText());
        } catch (SolverRejectedException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<SignedOffer> resourceOffer(Bytes32 offerId) throws IOException {
        HttpResponse<String> r = exchange(HttpRequest.newBuilder(base.resolve("v1/resource-offers/" + offerId.toHex()))
                .timeout(TIMEOUT).GET().build());
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        try {
            JsonNode n = body(r);
            return Optional.of(new SignedOffer(MAPPER.treeToValue(n.get("offer"), ResourceOffer.class),
                    Signature.fromHex(n.path("signature").asText()), n.path("status").asText()));
        } catch (SolverRejectedException e) {
            throw new IOException(e.getMessage(), e);
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("the solver's resource offer " + offerId + " is unreadable: " + e.getMessage(), e);
        }
    }

    @Override
    public List<DealView> proposedDeals(Address party) throws IOException {
        String q = "v1/deals?party=" + URLEncoder.encode(party.toString(), StandardCharsets.UTF_8) + "&status=proposed";
        JsonNode answer;
        try {
            answer = send(HttpRequest.newBuilder(base.resolve(q)).timeout(TIMEOUT).GET().build());
        } catch (SolverRejectedException e) {
            throw new IOException(e.getMessage(), e);
        }
        List<DealView> views = new ArrayList<>();
        for (JsonNode n : answer) {
            views.add(view(n));
        }
        return views;
    }

    @Override
    public DealView postDealSignature(Bytes32 dealId, Signature signature) throws IOException, SolverRejectedException {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("signature", signature.toHex());
        return view(send(post("v1/deals/" + dealId.toHex() + "/signatures", body)));
    }

    static DealView view(JsonNode n) throws IOException {
        Deal deal = MAPPER.treeToValue(n.get("deal"), Deal.class);
        return new DealView(
                Bytes32.fromHex(n.path("dealId").asText()),
                deal,
                n.path("status").asText(),
                n.path("clientSigned").asBoolean(false),
                n.path("nodeSigned").asBoolean(false));
    }

    private HttpRequest post(String path, JsonNode body) throws IOException {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body)))
                .build();
    }

    private JsonNode send(HttpRequest request) throws IOException, SolverRejectedException {
        return body(exchange(request));
    }

    private HttpResponse<String> exchange(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static JsonNode body(HttpResponse<String> r) throws IOException, SolverRejectedException {
        int s = r.statusCode();
        if (s >= 200 && s < 300) {
            return r.body().isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(r.body());
        }
        if (s >= 400 && s < 500) {
            String code = "HTTP_" + s;
            String message = r.body();
            try {
                JsonNode err = MAPPER.readTree(r.body());
                code = err.path("error").asText(code);
                message = err.path("message").asText(message);
            } catch (IOException ignored) {
                // not JSON: keep the raw body
            }
            throw new SolverRejectedException(s, code, message);
        }
        throw new IOException("solver answered " + s + " for " + r.request().uri() + ": " + r.body());
    }
}
