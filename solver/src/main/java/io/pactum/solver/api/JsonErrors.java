package io.pactum.solver.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/** Maps Jackson's failures to {@code UNKNOWN_FIELD} / {@code INVALID_FIELD} naming the JSON path. */
public final class JsonErrors {
    private JsonErrors() {}

    public static ApiException map(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String path = path(u);
            return new ApiException(ErrorCode.UNKNOWN_FIELD, "unknown field '" + u.getPropertyName() + "'", path);
        }
        String path = e instanceof JsonMappingException m ? path(m) : null;
        String reason = reason(e);
        return new ApiException(
                ErrorCode.INVALID_FIELD,
                (path == null || path.isEmpty() ? "malformed JSON" : "invalid value for " + path) + ": " + reason,
                path == null || path.isEmpty() ? null : path);
    }

    /** {@code offer.mediators[2]} style path. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String reason(JsonProcessingException e) {
        Throwable cause = e instanceof ValueInstantiationException && e.getCause() != null ? e.getCause() : e;
        String msg = cause == e ? e.getOriginalMessage() : cause.getMessage();
        if (msg == null) {
            msg = cause.getClass().getSimpleName();
        }
        msg = msg.replaceAll("\\s+", " ");
        return msg.length() > 200 ? msg.substring(0, 197) + "..." : msg;
    }
}
