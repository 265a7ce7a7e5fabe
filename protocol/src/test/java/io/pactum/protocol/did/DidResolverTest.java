package io.pactum.protocol.did;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pactum.protocol.crypto.Address;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The resolver's documents against the W3C DID Core shape (§5 Core Properties). */
class DidResolverTest {
    private static final long CHAIN = 31337;
    private static final Address SUBJECT = Address.parse("0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    private static final Address CONTROLLER = Address.parse("0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
    private static final Address KEY_AUTH = Address.parse("0xcccccccccccccccccccccccccccccccccccccccc");
    private static final Address KEY_DELEGATE = Address.parse("0xdddddddddddddddddddddddddddddddddddddddd");
    private static final Did DID = new Did(CHAIN, SUBJECT);

    private final Map<Did, DidState> chain = new java.util.HashMap<>();
    private final DidResolver resolver = new DidResolver(CHAIN, did -> Optional.ofNullable(chain.get(did)));

    @Test
    void shouldResolveAFullDocumentInDidCoreShape() throws IOException {
        chain.put(DID, new DidState(DID, CONTROLLER, 0x0003, 0, 1_700_000_000L,
                List.of(new DidState.Method(KEY_AUTH, 1 | 2), new DidState.Method(KEY_DELEGATE, 8)),
                Optional.of("https://solver.example/v1")));

        ObjectNode doc = found(resolver.resolve(DID.toString()));

        assertDidCoreShape(doc);
        assertThat(doc.get("id").asText()).isEqualTo(DID.toString());
        assertThat(doc.get("controller").asText()).isEqualTo("did:pactum:31337:" + CONTROLLER.toLowerHex());
        assertThat(doc.get("verificationMethod")).hasSize(3);
        JsonNode vm0 = doc.get("verificationMethod").get(0);
        assertThat(vm0.get("id").asText()).isEqualTo(DID + "#controller");
        assertThat(vm0.get("type").asText()).isEqualTo("EcdsaSecp256k1RecoveryMethod2020");
        assertThat(vm0.get("blockchainAccountId").asText()).isEqualTo("eip155:31337:" + CONTROLLER.toLowerHex());
        String auth = DID + "#" + KEY_AUTH.toLowerHex();
        String del = DID + "#" + KEY_DELEGATE.toLowerHex();
        assertThat(texts(doc.get("authentication"))).containsExactly(DID + "#controller", auth);
        assertThat(texts(doc.get("assertionMethod"))).containsExactly(DID + "#controller", auth);
        assertThat(texts(doc.get("capabilityInvocation"))).containsExactly(DID + "#controller");
        assertThat(texts(doc.get("capabilityDelegation"))).containsExactly(DID + "#controller", del);
        JsonNode service = doc.get("service").get(0);
        assertThat(service.get("id").asText()).isEqualTo(DID + "#service");
        assertThat(service.get("type").asText()).isEqualTo("PactumService");
        assertThat(service.get("serviceEndpoint").asText()).isEqualTo("https://solver.example/v1");
    }

    @Test
    void shouldListTheControllerOnceAndOmitAnEmptyService() throws IOException {
        chain.put(DID, new DidState(DID, SUBJECT, 1, 0, 1, List.of(new DidState.Method(SUBJECT, 1)), Optional.of("")));
        ObjectNode doc = found(resolver.resolve(DID.toString()));
        assertDidCoreShape(doc);
        assertThat(doc.get("verificationMethod")).hasSize(1);
        assertThat(doc.has("service")).isFalse();
        assertThat(doc.get("controller").asText()).isEqualTo(DID.toString());
    }

    @Test
    void shouldReportMalformedAndOtherChainDidsAsInvalid() throws IOException {
        assertThat(resolver.resolve("did:pactum:31337:0x12")).isInstanceOf(DidResolver.Resolution.Invalid.class);
        assertThat(resolver.resolve("did:web:example.com")).isInstanceOf(DidResolver.Resolution.Invalid.class);
        var other = resolver.resolve(new Did(1, SUBJECT).toString());
        assertThat(other).isInstanceOf(DidResolver.Resolution.Invalid.class);
        assertThat(((DidResolver.Resolution.Invalid) other).reason()).contains("chain 1");
    }

    @Test
    void shouldReportUnknownDidsAsNotFound() throws IOException {
        assertThat(resolver.resolve(DID.toString())).isEqualTo(new DidResolver.Resolution.NotFound(DID));
    }

    /**
     * DID Core: id is a DID; controller a DID or set of DIDs; every verification method has id
     * (a DID URL with a fragment, unique), type, controller and one key representation; every
     * verification relationship entry references a method of the document; service entries have
     * id, type and serviceEndpoint.
     */
    static void assertDidCoreShape(JsonNode doc) {
        assertThat(doc.get("@context").get(0).asText()).isEqualTo("https://www.w3.org/ns/did/v1");
        assertThat(doc.get("id").asText()).matches("did:[a-z0-9]+:.+");
        assertThat(doc.get("controller").asText()).matches("did:[a-z0-9]+:.+");
        Set<String> ids = new HashSet<>();
        for (JsonNode m : doc.get("verificationMethod")) {
            assertThat(m.get("id").asText()).startsWith(doc.get("id").asText() + "#");
            assertThat(ids.add(m.get("id").asText())).as("unique method id").isTrue();
            assertThat(m.get("type").asText()).isNotBlank();
            assertThat(m.get("controller").asText()).matches("did:[a-z0-9]+:.+");
            assertThat(m.get("blockchainAccountId").asText()).matches("eip155:[0-9]+:0x[0-9a-f]{40}");
        }
        for (String rel : List.of("authentication", "assertionMethod", "capabilityInvocation", "capabilityDelegation")) {
            assertThat(doc.get(rel).isArray()).as(rel).isTrue();
            for (JsonNode ref : doc.get(rel)) {
                assertThat(ids).as(rel + " references a listed method").contains(ref.asText());
            }
        }
        if (doc.has("service")) {
            for (JsonNode s : doc.get("service")) {
                assertThat(s.get("id").asText()).contains("#");
                assertThat(s.get("type").asText()).isNotBlank();
                assertThat(s.get("serviceEndpoint").asText()).isNotBlank();
            }
        }
    }

    private static ObjectNode found(DidResolver.Resolution r) {
        assertThat(r).isInstanceOf(DidResolver.Resolution.Found.class);
        return ((DidResolver.Resolution.Found) r).document();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
