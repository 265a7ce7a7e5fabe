package io.pactum.runtime.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.cid.UnixFsImporter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * A {@link ContentStore} over the Kubo RPC API ({@code POST /api/v0/...}): a real Kubo daemon, or a Pactum
 * node serving {@link KuboRpcHandler}. Nothing that comes back is trusted:
 *
 * <ul>
 *   <li>{@link #add} computes the root CID locally with the same importer and refuses a different answer;
 *   <li>{@link #getBlock} checks the block against its CID;
 *   <li>{@link #cat} and {@link #catBytes} walk the tree block by block ({@code block/get}), each verified,
 *       rather than trusting {@code /cat}'s stream;
 *   <li>{@link #putBlock} checks the returned key.
 * </ul>
 */
public final class KuboContentStore implements ContentStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_JSON_BYTES = 1024 * 1024;

    private final URI apiBase;
    private final HttpClient http;
    private final Duration timeout;
    private final UnixFsImporter importer = new UnixFsImporter(ContentStore.importOptions());

    /** @param apiBase e.g. {@code http://127.0.0.1:5001} (commands go to {@code <apiBase>/api/v0/...}) */
    public KuboContentStore(URI apiBase, HttpClient http) {
        this(apiBase, http, Duration.ofMinutes(5));
    }

    /** @param timeout bound of each request, up to the end of its response headers */
    public KuboContentStore(URI apiBase, HttpClient http, Duration timeout) {
        String base = Objects.requireNonNull(apiBase, "apiBase").toString();
        this.apiBase = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public Cid add(InputStream in) throws IOException {
        Path spool = Files.createTempFile("pactum-add-", ".bin");
        try {
            Cid expected;
            try (OutputStream copy = Files.newOutputStream(spool)) {
                expected = importer.importStream(new TeeInputStream(in, copy), block -> {});
            }
            String boundary = "pactum-" + UUID.randomUUID();
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofByteArray(head),
                    HttpRequest.BodyPublishers.ofFile(spool),
                    HttpRequest.BodyPublishers.ofByteArray(tail));
            var options = ContentStore.importOptions();
            JsonNode reply = json(post("add?cid-version=" + options.cidVersion() + "&raw-leaves=" + options.rawLeaves()
                    + "&chunker=size-" + options.chunkSize() + "&pin=true", body, "multipart/form-data; boundary=" + boundary), null);
            String hash = reply.path("Hash").asText("");
            if (!hash.equals(expected.toString())) {
                throw new ContentCorruptException(expected, "the store answered add with " + hash + ", expected " + expected);
            }
            return expected;
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    @Override
    public InputStream cat(Cid root) throws IOException {
        return UnixFsStream.open(root, this::getBlock);
    }

    @Override
    public byte[] getBlock(Cid cid) throws IOException {
        HttpResponse<InputStream> response = post("block/get?arg=" + cid, HttpRequest.BodyPublishers.noBody(), null);
        byte[] data = body(response, ContentStore.MAX_BLOCK_BYTES, cid);
        if (!cid.verify(data)) {
            throw new ContentCorruptException(cid, "the store returned a block that does not match " + cid);
        }
        return data;
    }

    @Override
    public void putBlock(Cid cid, byte[] data) throws IOException {
        if (data.length > MAX_BLOCK_BYTES) {
            throw new ContentTooLargeException(cid, MAX_BLOCK_BYTES);
        }
        if (!cid.verify(data)) {
            throw new ContentCorruptException(cid, "block does not match its CID " + cid);
        }
        String codec = cid.codec() == Cid.RAW ? "raw" : "dag-pb";
        String boundary = "pactum-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"block\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + data.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(data, 0, body, head.length, data.length);
        System.arraycopy(tail, 0, body, head.length + data.length, tail.length);
        JsonNode reply = json(post("block/put?cid-codec=" + codec + "&mhtype=sha2-256&mhlen=32&pin=false",
                HttpRequest.BodyPublishers.ofByteArray(body), "multipart/form-data; boundary=" + boundary), cid);
        String key = reply.path("Key").asText("");
        Cid returned;
        try {
            returned = Cid.parse(key);
        } catch (IllegalArgumentException e) {
            throw new ContentCorruptException(cid, "the store answered block/put with an invalid key " + key);
        }
        if (!returned.toV1().equals(cid.toV1())) {
            throw new ContentCorruptException(cid, "the store answered block/put with " + key + ", expected " + cid);
        }
    }

    @Override
    public boolean has(Cid cid) throws IOException {
        HttpResponse<InputStream> response = post("block/stat?arg=" + cid + "&offline=true",
                HttpRequest.BodyPublishers.noBody(), null);
        try (InputStream in = response.body()) {
            in.readNBytes(MAX_JSON_BYTES);
        }
        return response.statusCode() == 200;
    }

    @Override
    public void pin(Cid root) throws IOException {
        json(post("pin/add?arg=" + root, HttpRequest.BodyPublishers.noBody(), null), root);
    }

    @Override
    public boolean isPinned(Cid root) throws IOException {
        HttpResponse<InputStream> response = post("pin/ls?arg=" + root + "&type=recursive",
                HttpRequest.BodyPublishers.noBody(), null);
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_JSON_BYTES);
        }
        if (response.statusCode() != 200) {
            return false; // Kubo: 500 "path '<cid>' is not pinned"; KuboRpcHandler: 404
        }
        return JSON.readTree(body).path("Keys").has(root.toString());
    }

    // ---- HTTP

    private HttpResponse<InputStream> post(String command, HttpRequest.BodyPublisher body, String contentType)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiBase + KuboRpcHandler.API_PREFIX + command))
                .timeout(timeout)
                .POST(body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during " + command);
        }
    }

    /** The body of a 200 response, bounded; an error response becomes the matching exception. */
    private static byte[] body(HttpResponse<InputStream> response, int maxBytes, Cid cid) throws IOException {
        byte[] data;
        try (InputStream in = response.body()) {
            data = in.readNBytes(maxBytes + 1);
        }
        if (response.statusCode() != 200) {
            throw error(response, data, cid);
        }
        if (data.length > maxBytes) {
            throw new ContentTooLargeException(cid, maxBytes);
        }
        return data;
    }

    private static JsonNode json(HttpResponse<InputStream> response, Cid cid) throws IOException {
        return JSON.readTree(body(response, MAX_JSON_BYTES, cid));
    }

    private static IOException error(HttpResponse<InputStream> response, byte[] body, Cid cid) {
        String message;
        try {
            message = JSON.readTree(body).path("Message").asText(new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            message = new String(body, StandardCharsets.UTF_8);
        }
        int status = response.statusCode();
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (status == 404 || lower.contains("not found")) {
            return new ContentNotFoundException(cid, "not found (" + status + " from " + response.uri().getPath() + "): " + message);
        }
        if (status == 413) {
            return new ContentTooLargeException(cid, ContentStore.MAX_BLOCK_BYTES);
        }
        return new IOException("Kubo RPC " + response.uri().getPath() + " failed with " + status + ": " + message);
    }

    /** Copies what is read from {@code in} to {@code copy}. */
    private static final class TeeInputStream extends FilterInputStream {
        private final OutputStream copy;

        TeeInputStream(InputStream in, OutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b != -1) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                copy.write(b, off, n);
            }
            return n;
        }
    }
}
