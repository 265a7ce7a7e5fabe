package io.pactum.runtime.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pactum.protocol.cid.Cid;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Kubo RPC subset Pactum uses, answered over a {@link ContentStore}, without any HTTP framework: the
 * compute node's HTTP layer only maps a request to {@link #handle} and writes the {@link Response} back.
 *
 * <p>Commands (all {@code POST /api/v0/...}, as Kubo):
 * <ul>
 *   <li>{@code add} (multipart field {@code file}; {@code cid-version=1}, {@code raw-leaves=true},
 *       {@code chunker=size-1048576}, {@code pin} accepted, anything else refused) → {@code {Name, Hash, Size}}
 *   <li>{@code cat?arg=<cid>} → the file's bytes
 *   <li>{@code block/get?arg=<cid>} → the block's bytes
 *   <li>{@code block/put?cid-codec=raw|dag-pb&mhtype=sha2-256} (multipart) → {@code {Key, Size}}
 *   <li>{@code block/stat?arg=<cid>} → {@code {Key, Size}} of a block held here
 *   <li>{@code pin/add?arg=<cid>} → {@code {Pins: [cid]}}
 *   <li>{@code pin/ls?arg=<cid>} → {@code {Keys: {cid: {Type: "recursive"}}}}
 * </ul>
 * Errors are Kubo's error object {@code {Message, Code, Type: "error"}} with 400 (bad arguments), 404
 * (unknown CID or command, not pinned), 405 (not POST), 413 (too large) or 500.
 */
public final class KuboRpcHandler {

    /** Path prefix of every command. */
    public static final String API_PREFIX = "/api/v0/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHUNKER = "size-" + ContentStore.importOptions().chunkSize();

    /**
     * What to send back.
     *
     * @param status HTTP status
     * @param contentType {@code application/json} or {@code application/octet-stream}
     * @param body the bytes to stream (the adapter closes it)
     * @param length body length, or -1 when unknown (streamed)
     */
    public record Response(int status, String contentType, InputStream body, long length) {

        static Response json(int status, Object value) {
            byte[] bytes;
            try {
                bytes = JSON.writeValueAsBytes(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return new Response(status, "application/json", new ByteArrayInputStream(bytes), bytes.length);
        }

        static Response error(int status, String message) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("Message", message);
            body.put("Code", 0);
            body.put("Type", "error");
            return json(status, body);
        }

        static Response bytes(byte[] data) {
            return new Response(200, "application/octet-stream", new ByteArrayInputStream(data), data.length);
        }
    }

    private final ContentStore store;

    public KuboRpcHandler(ContentStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Answers one request.
     *
     * @param method HTTP method
     * @param path request path, e.g. {@code /api/v0/add}
     * @param query decoded query parameters (see {@link #parseQuery})
     * @param contentType the request's Content-Type, or null
     * @param body the request body (read, not closed)
     */
    public Response handle(String method, String path, Map<String, List<String>> query, String contentType,
                           InputStream body) {
        if (path == null || !path.startsWith(API_PREFIX)) {
            return Response.error(404, "unknown path " + path);
        }
        String command = path.substring(API_PREFIX.length());
        if (!"POST".equals(method)) {
            return Response.error(405, "method " + method + " not allowed; the RPC API takes POST");
        }
        try {
            return switch (command) {
                case "add" -> add(query, contentType, body);
                case "cat" -> cat(query);
                case "block/get" -> Response.bytes(store.getBlock(arg(query)));
                case "block/put" -> blockPut(query, contentType, body);
                case "block/stat" -> blockStat(query);
                case "pin/add" -> pinAdd(query);
                case "pin/ls" -> pinLs(query);
                default -> Response.error(404, "unknown command " + command);
            };
        } catch (BadRequest e) {
            return Response.error(400, e.getMessage());
        } catch (ContentNotFoundException e) {
            return Response.error(404, e.getMessage());
        } catch (ContentTooLargeException e) {
            return Response.error(413, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return Response.error(500, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Response add(Map<String, List<String>> query, String contentType, InputStream body) throws IOException {
        expect(query, "cid-version", "1");
        expect(query, "raw-leaves", "true");
        expect(query, "chunker", CHUNKER);
        Multipart.Part part = part(contentType, body);
        long[] size = new long[1];
        InputStream counted = new java.io.FilterInputStream(part.content()) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                size[0] += Math.max(n, 0);
                return n;
            }
        };
        Cid root = store.add(counted);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Name", part.fileName().isEmpty() ? root.toString() : part.fileName());
        out.put("Hash", root.toString());
        out.put("Size", Long.toString(size[0])); // Kubo reports the DAG size here; the file size is what clients use
        return Response.json(200, out);
    }

    private Response cat(Map<String, List<String>> query) throws IOException {
        return new Response(200, "application/octet-stream", store.cat(arg(query)), -1);
    }

    private Response blockPut(Map<String, List<String>> query, String contentType, InputStream body) throws IOException {
        String codec = single(query, "cid-codec", "raw");
        String mhtype = single(query, "mhtype", "sha2-256");
        if (!mhtype.equals("sha2-256")) {
            throw new BadRequest("only mhtype=sha2-256 is supported, got " + mhtype);
        }
        Multipart.Part part = part(contentType, body);
        byte[] data = part.content().readNBytes(ContentStore.MAX_BLOCK_BYTES + 1);
        if (data.length > ContentStore.MAX_BLOCK_BYTES) {
            return Response.error(413, "block larger than " + ContentStore.MAX_BLOCK_BYTES + " bytes");
        }
        Cid cid = switch (codec) {
            case "raw" -> Cid.rawOf(data);
            case "dag-pb" -> Cid.dagPbOf(1, data);
            default -> throw new BadRequest("only cid-codec raw or dag-pb is supported, got " + codec);
        };
        store.putBlock(cid, data);
        return Response.json(200, Map.of("Key", cid.toString(), "Size", data.length));
    }

    private Response blockStat(Map<String, List<String>> query) throws IOException {
        Cid cid = arg(query);
        if (!store.has(cid)) {
            return Response.error(404, "block " + cid + " not found locally");
        }
        return Response.json(200, Map.of("Key", cid.toString(), "Size", store.getBlock(cid).length));
    }

    private Response pinAdd(Map<String, List<String>> query) throws IOException {
        Cid cid = arg(query);
        store.pin(cid);
        return Response.json(200, Map.of("Pins", List.of(cid.toString())));
    }

    private Response pinLs(Map<String, List<String>> query) throws IOException {
        Cid cid = arg(query);
        if (!store.isPinned(cid)) {
            return Response.error(404, "path '" + cid + "' is not pinned");
        }
        return Response.json(200, Map.of("Keys", Map.of(cid.toString(), Map.of("Type", "recursive"))));
    }

    // ---- arguments

    private static final class BadRequest extends IOException {
        BadRequest(String message) {
            super(message);
        }
    }

    private static Multipart.Part part(String contentType, InputStream body) throws IOException {
        String boundary = Multipart.boundary(contentType);
        if (boundary == null) {
            throw new BadRequest("expected a multipart/form-data body with a boundary, got " + contentType);
        }
        try {
            return Multipart.firstPart(body, boundary);
        } catch (IOException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    private static Cid arg(Map<String, List<String>> query) throws BadRequest {
        String text = single(query, "arg", null);
        if (text == null) {
            throw new BadRequest("argument \"arg\" is required");
        }
        if (text.startsWith("/ipfs/")) {
            text = text.substring("/ipfs/".length());
        }
        try {
            return Cid.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("invalid CID \"" + text + "\": " + e.getMessage());
        }
    }

    private static String single(Map<String, List<String>> query, String name, String fallback) throws BadRequest {
        List<String> values = query.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw new BadRequest("argument \"" + name + "\" given more than once");
        }
        return values.isEmpty() ? fallback : values.get(0);
    }

    private static void expect(Map<String, List<String>> query, String name, String required) throws BadRequest {
        String value = single(query, name, required);
        if (!value.equals(required)) {
            throw new BadRequest("only " + name + "=" + required + " is supported, got " + value);
        }
    }

    /** Decodes a raw query string ({@code a=1&b=x%20y}) into parameters in order. */
    public static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }
}
