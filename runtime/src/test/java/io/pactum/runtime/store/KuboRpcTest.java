package io.pactum.runtime.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pactum.protocol.cid.Block;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.cid.UnixFsImporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KuboContentStore (client) against KuboRpcHandler (server) through the JDK's HTTP server. */
class KuboRpcTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private HttpServer server;
    private DiskContentStore served;
    private KuboContentStore client;
    private URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        served = new DiskContentStore(dir.resolve("served"));
        KuboRpcHandler handler = new KuboRpcHandler(served);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> adapt(handler, exchange));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        client = new KuboContentStore(base, http);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** The thin adapter a node's HTTP layer is expected to be. */
    private static void adapt(KuboRpcHandler handler, HttpExchange exchange) throws IOException {
        try (exchange) {
            KuboRpcHandler.Response response = handler.handle(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    KuboRpcHandler.parseQuery(exchange.getRequestURI().getRawQuery()),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestBody());
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), response.length() < 0 ? 0 : response.length());
            try (InputStream body = response.body(); OutputStream out = exchange.getResponseBody()) {
                body.transferTo(out);
            }
        }
    }

    private HttpResponse<byte[]> post(String command) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v0/" + command))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String message(HttpResponse<byte[]> response) throws IOException {
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("Type").asText()).isEqualTo("error");
        return error.path("Message").asText();
    }

    @Test
    void shouldAddThroughTheClientWithTheImportersCid() throws Exception {
        UnixFsImporter importer = new UnixFsImporter(UnixFsImporter.Options.pactumDefault());
        for (byte[] data : new byte[][] {"small file\n".getBytes(UTF_8), new byte[0],
                DiskContentStoreTest.randomBytes(2 * 1024 * 1024 + 99, 5)}) {
            Cid cid = client.add(data);

            assertThat(cid).isEqualTo(importer.cidOf(data));
            assertThat(served.isPinned(cid)).isTrue();
            assertThat(client.isPinned(cid)).isTrue();
            assertThat(client.has(cid)).isTrue();
            assertThat(client.catBytes(cid, data.length)).isEqualTo(data);
            assertThat(post("cat?arg=" + cid).body()).isEqualTo(data);
        }
    }

    @Test
    void shouldPutAndGetRawAndDagPbBlocks() throws Exception {
        UnixFsImporter.Result imported = new UnixFsImporter(UnixFsImporter.Options.pactumDefault())
                .importBytes(DiskContentStoreTest.randomBytes(1024 * 1024 + 1, 6));

        for (Block block : imported.blocks()) {
            client.putBlock(block.cid(), block.data());
        }

        assertThat(client.getBlock(imported.root())).isEqualTo(imported.blocks().get(imported.blocks().size() - 1).data());
        assertThat(served.has(imported.root())).isTrue();
        client.pin(imported.root());
        assertThat(client.isPinned(imported.root())).isTrue();
        assertThatThrownBy(() -> client.putBlock(Cid.rawOf(new byte[] {1}), new byte[] {2}))
                .isInstanceOf(ContentCorruptException.class);
    }

    @Test
    void shouldAnswerNotFoundWithAMessage() throws Exception {
        Cid missing = Cid.rawOf("missing".getBytes(UTF_8));

        assertThatThrownBy(() -> client.getBlock(missing)).isInstanceOf(ContentNotFoundException.class);
        assertThatThrownBy(() -> client.catBytes(missing, 10)).isInstanceOf(ContentNotFoundException.class);
        assertThat(client.has(missing)).isFalse();
        assertThat(client.isPinned(missing)).isFalse();
        HttpResponse<byte[]> response = post("block/get?arg=" + missing);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(message(response)).contains(missing.toString());
        assertThat(post("cat?arg=" + missing).statusCode()).isEqualTo(404);
        assertThat(post("pin/add?arg=" + missing).statusCode()).isEqualTo(404);
        assertThat(post("no/such/command").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswerBadRequestsWithAMessage() throws Exception {
        HttpResponse<byte[]> badCid = post("block/get?arg=not-a-cid");
        assertThat(badCid.statusCode()).isEqualTo(400);
        assertThat(message(badCid)).contains("invalid CID");

        HttpResponse<byte[]> noArg = post("cat");
        assertThat(noArg.statusCode()).isEqualTo(400);
        assertThat(message(noArg)).contains("\"arg\" is required");

        HttpResponse<byte[]> otherChunker = post("add?cid-version=1&raw-leaves=true&chunker=size-262144");
        assertThat(otherChunker.statusCode()).isEqualTo(400);
        assertThat(message(otherChunker)).contains("chunker=size-1048576");

        HttpResponse<byte[]> notMultipart = post("add");
        assertThat(notMultipart.statusCode()).isEqualTo(400);
        assertThat(message(notMultipart)).contains("multipart/form-data");

        HttpResponse<byte[]> get = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v0/cat?arg=x")).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(get.statusCode()).isEqualTo(405);
    }

    @Test
    void shouldLetANodePullAClientsUploadOverRpc() throws Exception {
        byte[] data = DiskContentStoreTest.randomBytes(2 * 1024 * 1024 + 3, 7);
        Cid root = client.add(data); // the client uploads to "its" endpoint (served)
        DiskContentStore node = new DiskContentStore(dir.resolve("node"), client);

        node.pin(root);

        assertThat(new DiskContentStore(dir.resolve("node")).catBytes(root, data.length)).isEqualTo(data);
    }

    @Test
    void shouldRefuseAnAddAnsweredWithAnotherCid() throws Exception {
        HttpServer liar = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        liar.createContext("/", exchange -> {
            byte[] body = ("{\"Name\":\"file\",\"Hash\":\"" + Cid.rawOf(new byte[] {9}) + "\",\"Size\":\"1\"}").getBytes(UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        liar.start();
        try {
            KuboContentStore lied = new KuboContentStore(URI.create("http://127.0.0.1:" + liar.getAddress().getPort()), http);
            assertThatThrownBy(() -> lied.add("data".getBytes(UTF_8)))
                    .isInstanceOf(ContentCorruptException.class)
                    .hasMessageContaining(Cid.rawOf("data".getBytes(UTF_8)).toString());
        } finally {
            liar.stop(0);
        }
    }
}
