package io.pactum.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.crypto.Signature;
import java.io.IOException;
import java.math.BigInteger;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The JSON mapping of protocol values for REST and for stored records:
 *
 * <ul>
 *   <li>{@link Address}: EIP-55 checksummed hex (input: any valid case, checksum enforced when
 *       mixed);
 *   <li>{@link Bytes}, {@link Bytes32}, {@link Signature}: {@code 0x}-hex;
 *   <li>{@link BigInteger} (all {@code uint256} fields): decimal strings, digits only, no leading
 *       zeros; JSON numbers are refused (they lose precision in JavaScript);
 *   <li>{@code long} ({@code uint64}/{@code uint32}): JSON integers; strings and fractions are
 *       refused;
 *   <li>{@link Cid}: its canonical string form.
 * </ul>
 *
 * Parsing is strict: unknown, missing, null or duplicate properties and trailing tokens fail.
 */
public final class ProtocolJson {
    private static final ObjectMapper MAPPER = create();
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,77}");

    private ProtocolJson() {}

    /** The shared, configured mapper (thread-safe; do not reconfigure it). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A fresh mapper with the same configuration, for callers that need to add to it. */
    public static ObjectMapper create() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .addModule(module())
                .build();
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    /** The Jackson module with the protocol value types. */
    public static SimpleModule module() {
        SimpleModule m = new SimpleModule("pactum-protocol");
        text(m, Address.class, Address::toString, Address::parse, "an address (0x + 40 hex digits)");
        text(m, Bytes.class, Bytes::toHex, Bytes::fromHex, "0x-prefixed hex bytes");
        text(m, Bytes32.class, Bytes32::toHex, Bytes32::fromHex, "0x + 64 hex digits");
        text(m, Signature.class, Signature::toHex, Signature::fromHex, "a 65-byte 0x-hex signature");
        text(m, Cid.class, Cid::toString, Cid::parse, "a CID");
        text(m, BigInteger.class, BigInteger::toString, ProtocolJson::parseUint256, "a uint256 as a decimal string");
        return m;
    }

    static BigInteger parseUint256(String s) {
        if (!DECIMAL.matcher(s).matches()) {
            throw new IllegalArgumentException("expected decimal digits without sign or leading zeros");
        }
        BigInteger v = new BigInteger(s);
        if (v.bitLength() > 256) {
            throw new IllegalArgumentException("value does not fit uint256");
        }
        return v;
    }

    private static <T> void text(
            SimpleModule m, Class<T> type, Function<T, String> writer, Function<String, T> reader, String expected) {
        m.addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(writer.apply(value));
            }
        });
        m.addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    return type.cast(ctxt.handleUnexpectedToken(type, p.currentToken(), p,
                            "expected %s as a JSON string", expected));
                }
                String text = p.getText();
                try {
                    return reader.apply(text);
                } catch (IllegalArgumentException e) {
                    throw ctxt.weirdStringException(text, type, "expected " + expected + ": " + e.getMessage());
                }
            }
        });
    }
}
