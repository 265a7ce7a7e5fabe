package io.pactum.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Canonical JSON for content-addressed records (job specs, outcomes): the RFC 8785 (JCS) rules
 * for the subset we use, so equal values always give equal bytes and thus equal CIDs.
 *
 * <ul>
 *   <li>no whitespace; object members sorted by key in UTF-16 code-unit order;
 *   <li>strings: only {@code "}, {@code \} and control characters escaped ({@code \b \t \n \f
 *       \r}, others {@code \\}{@code u00XX} with lower-case hex); everything else as UTF-8;
 *   <li>numbers: integers only, in plain decimal (no fractions, no exponents);
 *   <li>{@code true}, {@code false}, {@code null}.
 * </ul>
 */
public final class CanonicalJson {
    private CanonicalJson() {}

    /** The canonical UTF-8 bytes of {@code value} mapped with {@link ProtocolJson#mapper()}. */
    public static byte[] toBytes(Object value) {
        JsonNode node = ProtocolJson.mapper().valueToTree(value);
        return toBytes(node);
    }

    /** The canonical UTF-8 bytes of a JSON tree. */
    public static byte[] toBytes(JsonNode node) {
        StringBuilder sb = new StringBuilder(256);
        write(node, sb);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JsonNode node, StringBuilder sb) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>();
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    names.add(it.next());
                }
                names.sort(String::compareTo);
                sb.append('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) sb.append(',');
                    string(names.get(i), sb);
                    sb.append(':');
                    write(node.get(names.get(i)), sb);
                }
                sb.append('}');
            }
            case ARRAY -> {
                sb.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) sb.append(',');
                    write(node.get(i), sb);
                }
                sb.append(']');
            }
            case STRING -> string(node.textValue(), sb);
            case NUMBER -> {
                if (!node.isIntegralNumber()) {
                    throw new IllegalArgumentException("canonical JSON holds integers only, got " + node);
                }
                sb.append(node.bigIntegerValue().toString());
            }
            case BOOLEAN -> sb.append(node.booleanValue());
            case NULL -> sb.append("null");
            default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\f' -> sb.append("\\f");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException("string holds a lone surrogate at index " + i);
                    } else if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
