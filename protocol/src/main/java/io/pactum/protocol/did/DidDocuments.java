package io.pactum.protocol.did;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pactum.protocol.crypto.Address;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the W3C DID Core document (https://www.w3.org/TR/did-core/) of a {@link DidState}.
 *
 * <ul>
 *   <li>{@code id}: the DID; {@code controller}: the controller's own DID on the same chain;
 *   <li>{@code verificationMethod}: the controller's key ({@code #controller}) first, then each
 *       registered method ({@code #<lower-case address>}), all of type
 *       {@code EcdsaSecp256k1RecoveryMethod2020} with a CAIP-10 {@code blockchainAccountId};
 *   <li>{@code authentication}, {@code assertionMethod}, {@code capabilityInvocation},
 *       {@code capabilityDelegation}: references (DID URLs) to the methods with that purpose
 *       bit; the controller's key is in all four;
 *   <li>{@code service}: one {@code PactumService} entry when an endpoint is set.
 * </ul>
 *
 * A method whose account is the controller is listed once, under {@code #controller}, with the
 * union of purposes. The output is deterministic (registry order).
 */
public final class DidDocuments {
    public static final String MEDIA_TYPE = "application/did+json";
    public static final String CONTEXT_DID = "https://www.w3.org/ns/did/v1";
    public static final String CONTEXT_SECP256K1 = "https://w3id.org/security/suites/secp256k1recovery-2020/v2";
    public static final String METHOD_TYPE = "EcdsaSecp256k1RecoveryMethod2020";
    public static final String SERVICE_TYPE = "PactumService";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private DidDocuments() {}

    public static ObjectNode document(DidState state) {
        Did did = state.did();
        ObjectNode doc = JSON.objectNode();
        doc.putArray("@context").add(CONTEXT_DID).add(CONTEXT_SECP256K1);
        doc.put("id", did.toString());
        doc.put("controller", new Did(did.chainId(), state.controller()).toString());

        ArrayNode methods = doc.putArray("verificationMethod");
        Map<Purpose, List<String>> refs = new EnumMap<>(Purpose.class);
        for (Purpose p : Purpose.values()) {
            refs.put(p, new ArrayList<>());
        }
        String controllerRef = did.withFragment("controller");
        addMethod(methods, did, controllerRef, state.controller());
        for (Purpose p : Purpose.values()) {
            refs.get(p).add(controllerRef);
        }
        for (DidState.Method m : state.methods()) {
            if (m.account().equals(state.controller())) {
                continue; // already listed with every purpose
            }
            String ref = did.withFragment(m.account().toLowerHex());
            addMethod(methods, did, ref, m.account());
            for (Purpose p : Purpose.of(m.purposes())) {
                refs.get(p).add(ref);
            }
        }
        for (Purpose p : Purpose.values()) {
            ArrayNode list = doc.putArray(p.property());
            refs.get(p).forEach(list::add);
        }
        state.service().filter(s -> !s.isEmpty()).ifPresent(endpoint -> {
            ObjectNode service = doc.putArray("service").addObject();
            service.put("id", did.withFragment("service"));
            service.put("type", SERVICE_TYPE);
            service.put("serviceEndpoint", endpoint);
        });
        return doc;
    }

    private static void addMethod(ArrayNode methods, Did did, String id, Address account) {
        ObjectNode m = methods.addObject();
        m.put("id", id);
        m.put("type", METHOD_TYPE);
        m.put("controller", did.toString());
        m.put("blockchainAccountId", did.accountId(account));
    }
}
