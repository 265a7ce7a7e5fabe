package io.pactum.solver.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pactum.protocol.json.ProtocolJson;
import io.pactum.solver.api.ApiException;
import io.pactum.solver.api.ErrorCode;
import io.pactum.solver.api.JsonErrors;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Strict protocol JSON in and out (ProtocolJson's mapper). */
public final class Json {
    private Json() {}

    /**
     * Parses a request body of at most {@code maxBytes} bytes into {@code type}.
     *
     * @throws ApiException TOO_LARGE, UNKNOWN_FIELD or INVALID_FIELD
     */
    public static <T> T parseBody(byte[] body, int maxBytes, Class<T> type) {
        if (body != null && body.length > maxBytes) {
            throw new ApiException(ErrorCode.TOO_LARGE,
                    "request body of " + body.length + " bytes is over the limit of " + maxBytes + " bytes");
        }
        if (body == null || body.length == 0) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "request body is empty");
        }
        T value;
        try {
            value = ProtocolJson.mapper().readValue(body, type);
        } catch (JsonProcessingException e) {
            throw JsonErrors.map(e);
        } catch (IOException e) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "unreadable body: " + e.getMessage());
        }
        if (value == null) {
            throw new ApiException(ErrorCode.INVALID_FIELD, "request body must be a JSON object");
        }
        return value;
    }

    public static String write(Object value) {
        try {
            return ProtocolJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode tree(String json) {
        try {
            return ProtocolJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads back a stored record (already validated when it was written). */
    public static <T> T read(String json, Class<T> type) {
        try {
            return ProtocolJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " does not parse: " + e.getMessage(), e);
        }
    }
}
