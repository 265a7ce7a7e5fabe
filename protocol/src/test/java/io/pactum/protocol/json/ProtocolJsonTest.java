package io.pactum.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.deal.DealFixtures;
import io.pactum.protocol.deal.JobOffer;
import io.pactum.protocol.deal.ResourceOffer;
import io.pactum.protocol.deal.SignedJobOffer;
import org.junit.jupiter.api.Test;

class ProtocolJsonTest {
    final ObjectMapper mapper = ProtocolJson.mapper();

    @Test
    void shouldWriteTheDocumentedJsonForms() throws Exception {
        JsonNode json = mapper.valueToTree(DealFixtures.jobOffer());
        assertThat(json.get("client").asText()).isEqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        assertThat(json.get("jobSpecCid").asText()).startsWith("0x01551220");
        assertThat(json.get("maxPrice").isTextual()).isTrue();
        assertThat(json.get("maxPrice").asText()).isEqualTo("1000000000000000000");
        assertThat(json.get("nonce").asText()).hasSize(78);
        assertThat(json.get("maxFuel").isIntegralNumber()).isTrue();
        assertThat(json.get("mediators").get(0).asText()).isEqualTo("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
        assertThat(json.has("id")).isFalse();
        assertThat(json.size()).isEqualTo(14);
    }

    @Test
    void shouldRoundTripOffersAndDeals() throws Exception {
        assertThat(roundTrip(DealFixtures.jobOffer(), JobOffer.class)).isEqualTo(DealFixtures.jobOffer());
        assertThat(roundTrip(DealFixtures.resourceOffer(), ResourceOffer.class)).isEqualTo(DealFixtures.resourceOffer());
        assertThat(roundTrip(DealFixtures.deal(), Deal.class)).isEqualTo(DealFixtures.deal());
        SignedJobOffer signed = new SignedJobOffer(DealFixtures.jobOffer(),
                DealFixtures.jobOffer().sign(DealFixtures.CLIENT_KEY, DealFixtures.DOMAIN));
        assertThat(roundTrip(signed, SignedJobOffer.class)).isEqualTo(signed);
    }

    @Test
    void shouldFailOnUnknownMissingOrNullProperties() {
        assertThatThrownBy(() -> read(with("extra", mapper.getNodeFactory().textNode("x"))))
                .isInstanceOf(JsonProcessingException.class).hasMessageContaining("extra");
        ObjectNode missing = mapper.valueToTree(DealFixtures.jobOffer());
        missing.remove("expiry");
        assertThatThrownBy(() -> read(missing)).hasMessageContaining("expiry");
        assertThatThrownBy(() -> read(with("client", mapper.getNodeFactory().nullNode())))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void shouldRefuseNumbersForUint256AndStringsForUint64() {
        assertThatThrownBy(() -> read(with("maxPrice", mapper.getNodeFactory().numberNode(5))))
                .hasMessageContaining("uint256 as a decimal string");
        assertThatThrownBy(() -> read(with("maxFuel", mapper.getNodeFactory().textNode("5"))))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> read(with("maxPrice", mapper.getNodeFactory().textNode("-1"))))
                .hasMessageContaining("decimal digits");
        assertThatThrownBy(() -> read(with("maxPrice", mapper.getNodeFactory().textNode("01"))))
                .hasMessageContaining("leading zeros");
        assertThatThrownBy(() -> read(with("cpuMillis", mapper.getNodeFactory().numberNode(1.5))))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void shouldExplainBadAddressesAndRangeErrors() {
        assertThatThrownBy(() -> read(with("client",
                mapper.getNodeFactory().textNode("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92267"))))
                .hasMessageContaining("checksum");
        assertThatThrownBy(() -> read(with("cpuMillis", mapper.getNodeFactory().numberNode(1L << 32))))
                .hasMessageContaining("cpuMillis must fit uint32");
    }

    @Test
    void shouldRejectDuplicateKeysAndTrailingTokens() throws Exception {
        String json = mapper.writeValueAsString(DealFixtures.jobOffer());
        assertThatThrownBy(() -> mapper.readValue(json.replace("{\"client\"", "{\"expiry\":1,\"client\""),
                JobOffer.class)).hasMessageContaining("Duplicate field 'expiry'");
        assertThatThrownBy(() -> mapper.readValue(json + "{}", JobOffer.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    ObjectNode with(String field, JsonNode value) {
        ObjectNode node = mapper.valueToTree(DealFixtures.jobOffer());
        node.set(field, value);
        return node;
    }

    JobOffer read(JsonNode node) throws Exception {
        return mapper.readValue(mapper.writeValueAsString(node), JobOffer.class);
    }

    <T> T roundTrip(T value, Class<T> type) throws Exception {
        return mapper.readValue(mapper.writeValueAsString(value), type);
    }
}
