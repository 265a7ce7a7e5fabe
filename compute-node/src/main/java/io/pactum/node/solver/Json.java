package io.pactum.node.solver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pactum.node.offers.OfferLoop.OfferCodec;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.deal.ResourceOffer;
import io.pactum.protocol.json.ProtocolJson;

/** ProtocolJson for the records the node stores (offers, deals). */
public final class Json implements OfferCodec {

    public static final Json INSTANCE = new Json();
    private static final ObjectMapper MAPPER = ProtocolJson.mapper();

    private Json() {}

    @Override
    public String toJson(ResourceOffer offer) {
        return write(offer);
    }

    @Override
    public ResourceOffer fromJson(String json) {
        return read(json, ResourceOffer.class);
    }

    public static String dealToJson(Deal deal) {
        return write(deal);
    }

    public static Deal dealFromJson(String json) {
        return read(json, Deal.class);
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
