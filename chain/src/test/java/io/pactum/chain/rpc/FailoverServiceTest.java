package io.pactum.chain.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlockNumber;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;

/**
 * W8: {@link FailoverService} against tiny JSON-RPC servers on loopback, each answering in a mode
 * of its own (well, 503, 400, stalling past the client's read timeout, closing unanswered).
 */
class FailoverServiceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REVERT_DATA = "0x08c379a0";

  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  @Test
  void shouldSwitchPastA503AndAStallToTheGoodEndpointAndStayThere() throws Exception {
    LoopbackRpc broken = server(Mode.HTTP_503);
    LoopbackRpc stalling = server(Mode.STALL);
    LoopbackRpc good = server(Mode.OK);
    FailoverService f = failover(Duration.ofSeconds(30), broken, stalling, good);
    Web3j web3j = web3j(f);

    assertThat(web3j.ethBlockNumber().send().getBlockNumber()).hasToString("42");
    assertThat(List.of(broken.calls.get(), stalling.calls.get(), good.calls.get())).containsExactly(1, 1, 1);
    assertThat(f.current()).isEqualTo(2);
    assertThat(f.switches()).as("one change of the endpoint in use, #0 to #2").isEqualTo(1);
    assertThat(f.isDown(0)).isTrue();
    assertThat(f.isDown(1)).isTrue();
    assertThat(f.isDown(2)).isFalse();

    for (int i = 0; i < 5; i++) {
      assertThat(web3j.ethBlockNumber().send().getBlockNumber()).hasToString("42");
    }
    assertThat(List.of(broken.calls.get(), stalling.calls.get(), good.calls.get()))
        .as("sticky: the endpoints that failed are left alone during their cool-down").containsExactly(1, 1, 6);
    assertThat(f.switches()).isEqualTo(1);
    assertThat(f.describe()).startsWith("#2 (127.0.0.1:" + good.port() + ") of 3, 1 switch, down: #0");
  }

  @Test
  void shouldReturnAJsonRpcErrorAsItIsWithoutSwitching() throws Exception {
    LoopbackRpc first = server(Mode.OK);
    LoopbackRpc second = server(Mode.OK);
    FailoverService f = failover(Duration.ofSeconds(30), first, second);
    Web3j web3j = web3j(f);

    EthCall r = web3j.ethCall(Transaction.createEthCallTransaction(null, "0x" + "11".repeat(20), "0x"),
        DefaultBlockParameterName.LATEST).send();
    assertThat(r.hasError()).isTrue();
    assertThat(r.getError().getCode()).isEqualTo(3);
    assertThat(r.getError().getMessage()).isEqualTo("execution reverted");
    assertThat(first.calls).hasValue(1);
    assertThat(second.calls).as("a revert is an answer: nothing asked elsewhere").hasValue(0);
    assertThat(f.switches()).isZero();
    assertThat(f.isDown(0)).isFalse();
  }

  @Test
  void shouldThrowAnHttp400AsItIsWithoutSwitching() throws Exception {
    LoopbackRpc bad = server(Mode.HTTP_400);
    LoopbackRpc good = server(Mode.OK);
    FailoverService f = failover(Duration.ofSeconds(30), bad, good);

    assertThatThrownBy(() -> web3j(f).ethBlockNumber().send()).isInstanceOf(ClientConnectionException.class)
        .hasMessageContaining("400");
    assertThat(good.calls).as("the call is at fault, not the endpoint").hasValue(0);
    assertThat(f.switches()).isZero();
  }

  @Test
  void shouldGoBackToThePrimaryAfterItsCoolDown() throws Exception {
    LoopbackRpc primary = server(Mode.HTTP_503);
    LoopbackRpc secondary = server(Mode.OK);
    FailoverService f = failover(Duration.ofMillis(600), primary, secondary);
    Web3j web3j = web3j(f);

    web3j.ethBlockNumber().send();
    assertThat(f.current()).isEqualTo(1);
    primary.mode = Mode.OK; // it has recovered, but is cooling down
    web3j.ethBlockNumber().send();
    assertThat(primary.calls).as("not asked during its cool-down").hasValue(1);
    assertThat(secondary.calls).hasValue(2);

    Thread.sleep(800);
    web3j.ethBlockNumber().send();
    assertThat(primary.calls).as("asked again once its cool-down is over").hasValue(2);
    assertThat(secondary.calls).hasValue(2);
    assertThat(f.current()).isZero();
    assertThat(f.switches()).as("away and back").isEqualTo(2);
    assertThat(f.isDown(0)).isFalse();
  }

  @Test
  void shouldTryADownPrimaryAfterItsCoolDownAndStayOnTheSecondaryWhileItFails() throws Exception {
    LoopbackRpc primary = server(Mode.CLOSE);
    LoopbackRpc secondary = server(Mode.OK);
    FailoverService f = failover(Duration.ofMillis(300), primary, secondary);
    Web3j web3j = web3j(f);

    web3j.ethBlockNumber().send();
    Thread.sleep(400);
    web3j.ethBlockNumber().send();
    assertThat(primary.calls).as("tried after its cool-down, failed again").hasValue(2);
    assertThat(secondary.calls).hasValue(2);
    assertThat(f.current()).isEqualTo(1);
    assertThat(f.switches()).as("the secondary stayed in use").isEqualTo(1);
  }

  @Test
  void shouldThrowAnIoExceptionNamingEveryEndpointWhenAllFail() throws Exception {
    LoopbackRpc broken = server(Mode.HTTP_503);
    LoopbackRpc stalling = server(Mode.STALL);
    LoopbackRpc closing = server(Mode.CLOSE);
    FailoverService f = new FailoverService(List.of(
        http("http://user:secret@127.0.0.1:" + broken.port() + "/v3/KEY123?apikey=QUERYKEY"),
        http(stalling.url()), http(closing.url())), Duration.ofSeconds(30));
    closing(f);

    assertThatThrownBy(() -> web3j(f).ethBlockNumber().send()).isInstanceOf(IOException.class)
        .isNotInstanceOf(RpcException.class)
        .hasMessageContaining("eth_blockNumber: all 3 RPC endpoints failed")
        .hasMessageContaining("#0 (127.0.0.1:" + broken.port() + ")").hasMessageContaining("503")
        .hasMessageContaining("#1 (127.0.0.1:" + stalling.port() + "): SocketTimeoutException")
        .hasMessageContaining("#2 (127.0.0.1:" + closing.port() + ")")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret", "KEY123", "QUERYKEY"));
    assertThat(List.of(broken.calls.get(), stalling.calls.get(), closing.calls.get())).containsExactly(1, 1, 1);
    assertThat(f.switches()).isZero();
    assertThat(f.label(0)).isEqualTo("127.0.0.1:" + broken.port());

    // all down: the next call still tries them, the one whose cool-down ends first first
    broken.mode = Mode.OK;
    stalling.mode = Mode.OK;
    assertThat(web3j(f).ethBlockNumber().send().getBlockNumber()).hasToString("42");
    assertThat(List.of(broken.calls.get(), stalling.calls.get(), closing.calls.get())).containsExactly(2, 1, 1);
    assertThat(f.current()).isZero();
    assertThat(f.isDown(0)).isFalse();
  }

  @Test
  void shouldFailOverBatchesAndAsyncCalls() throws Exception {
    LoopbackRpc broken = server(Mode.HTTP_503);
    LoopbackRpc good = server(Mode.OK);
    FailoverService f = failover(Duration.ofSeconds(30), broken, good);
    Web3j web3j = web3j(f);

    BatchResponse batch = web3j.newBatch().add(web3j.ethBlockNumber()).add(web3j.ethChainId()).send();
    assertThat(batch.getResponses()).hasSize(2);
    assertThat(((EthBlockNumber) batch.getResponses().get(0)).getBlockNumber()).hasToString("42");
    assertThat(broken.calls).hasValue(1);
    assertThat(good.calls).hasValue(1);

    broken.mode = Mode.OK;
    good.mode = Mode.HTTP_503;
    FailoverService g = failover(Duration.ofSeconds(30), good, broken); // now the first one is broken
    assertThat(web3j(g).ethBlockNumber().sendAsync().get(5, TimeUnit.SECONDS).getBlockNumber()).hasToString("42");
    assertThat(g.current()).isEqualTo(1);
    assertThat(web3j(g).newBatch().add(web3j(g).ethBlockNumber()).sendAsync().get(5, TimeUnit.SECONDS).getResponses())
        .hasSize(1);
    assertThat(good.calls).as("still cooling down: asked once").hasValue(2);
  }

  @Test
  void shouldRefuseSubscriptions() throws Exception {
    FailoverService f = failover(Duration.ofSeconds(30), server(Mode.OK));
    assertThatThrownBy(() -> web3j(f).newHeadsNotifications()).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("HTTP only");
  }

  @Test
  void shouldOpenAConnectionOverACommaSeparatedListCheckingEveryEndpointsChain() throws Exception {
    LoopbackRpc a = server(Mode.OK);
    LoopbackRpc b = server(Mode.OK);
    try (ChainConnection c = ChainConnection.open(a.url() + " , " + b.url(), 31337L)) {
      assertThat(c.service()).isInstanceOf(FailoverService.class);
      assertThat(c.chainId()).isEqualTo(31337);
      assertThat(c.blockNumber()).isEqualTo(42);
      assertThat(c.endpoints()).startsWith("#0 (127.0.0.1:" + a.port() + ") of 2, 0 switches");
    }
    assertThat(a.methods).contains("eth_chainId", "eth_blockNumber");
    assertThat(b.methods).as("the second endpoint's chain is checked too").containsExactly("eth_chainId");

    try (ChainConnection c = ChainConnection.open(a.url(), 31337L)) {
      assertThat(c.service()).as("one URL: a plain HttpService, as before").isExactlyInstanceOf(HttpService.class);
      assertThat(c.endpoints()).isNull();
    }

    b.chainId = 5;
    assertThatThrownBy(() -> ChainConnection.open(a.url() + "," + b.url(), 31337L))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("RPC endpoint #1 (127.0.0.1:" + b.port() + ") is on chain 5, expected 31337");
    assertThatThrownBy(() -> ChainConnection.open(a.url() + "," + b.url(), null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("RPC endpoint #1 (127.0.0.1:" + b.port() + ") is on chain 5, endpoint #0 (127.0.0.1:" + a.port()
            + ") on chain 31337");
  }

  @Test
  void shouldKeepAnEndpointUnreachableAtStartAndCheckItsChainBeforeItsFirstUse() throws Exception {
    LoopbackRpc a = server(Mode.OK);
    LoopbackRpc b = server(Mode.CLOSE);
    FailoverService f = failover(Duration.ofSeconds(30), a, b);
    try (ChainConnection c = ChainConnection.open(f, 31337L, Duration.ofMillis(50), Retry.none())) {
      assertThat(c.chainId()).isEqualTo(31337);
      b.mode = Mode.OK;
      b.chainId = 5; // it comes up on another chain
      a.mode = Mode.HTTP_503;
      assertThatThrownBy(c::blockNumber).isInstanceOf(IOException.class)
          .hasMessageContaining("#1 (127.0.0.1:" + b.port() + "): on chain 5");
      assertThat(b.methods).as("asked its chain, nothing else").containsExactly("eth_chainId");
      assertThat(f.isDown(1)).isTrue();
      assertThat(f.describe()).contains("#1 (127.0.0.1:" + b.port() + ") on chain 5");

      a.mode = Mode.OK;
      b.chainId = 31337; // it is never used again all the same
      assertThat(c.blockNumber()).as("a, cooling down, is the only one left").isEqualTo(42);
      assertThat(b.methods).containsExactly("eth_chainId");
    }
  }

  @Test
  void shouldNotOpenWhenNoEndpointAnswers() throws Exception {
    LoopbackRpc a = server(Mode.CLOSE);
    LoopbackRpc b = server(Mode.HTTP_503);
    FailoverService f = failover(Duration.ofSeconds(30), a, b);
    assertThatThrownBy(() -> ChainConnection.open(f, 31337L, Duration.ofMillis(50), Retry.none()))
        .isInstanceOf(IOException.class)
        .hasMessage("none of the 2 RPC endpoints answers: #0 (127.0.0.1:" + a.port() + "), #1 (127.0.0.1:" + b.port()
            + ")");
  }

  @Test
  void shouldValidateTheUrlList() {
    assertThat(ChainConnection.urls(" http://a:1 , https://b/v3/k ")).containsExactly("http://a:1", "https://b/v3/k");
    assertThat(ChainConnection.urls("http://127.0.0.1:8545")).containsExactly("http://127.0.0.1:8545");
    assertThatThrownBy(() -> ChainConnection.urls(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("RPC URL is empty");
    assertThatThrownBy(() -> ChainConnection.urls(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("RPC URL is empty");
    assertThatThrownBy(() -> ChainConnection.urls("http://a:1,,http://b:1")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RPC URL 2 of 3 is empty (a comma too many?)");
    assertThatThrownBy(() -> ChainConnection.urls("http://a:1,")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RPC URL 2 of 2 is empty (a comma too many?)");
    assertThatThrownBy(() -> ChainConnection.urls("http://a:1,ws://b:1")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RPC URL 2 of 2 is not an http(s) URL (scheme ws)");
    assertThatThrownBy(() -> ChainConnection.urls("localhost:8545")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RPC URL is not an http(s) URL (scheme localhost)");
    assertThatThrownBy(() -> ChainConnection.urls("/rpc")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RPC URL is not an http(s) URL (no scheme)");
    assertThatThrownBy(() -> ChainConnection.urls("http:///x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RPC URL has no host");
    assertThatThrownBy(() -> ChainConnection.urls("http://a b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("RPC URL is not a URL: Illegal character");
    assertThatThrownBy(() -> ChainConnection.urls("http://u:pw@a:1/k,http://u:pw@a:1/k"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("RPC URL 2 of 2 repeats RPC URL 1 (a:1)");
    assertThatThrownBy(() -> ChainConnection.open("http://a:1,ftp://b", 1L)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("RPC URL 2 of 2 is not an http(s) URL (scheme ftp)");
    assertThat(FailoverService.label("https://user:pw@rpc.example:8443/v3/key?k=1")).isEqualTo("rpc.example:8443");
    assertThat(FailoverService.label("https://rpc.example/v3/key")).isEqualTo("rpc.example");
  }

  @Test
  void shouldTellEndpointFaultsFromAnswers() {
    assertThat(FailoverService.isEndpointFault(new IOException("connection reset"))).isTrue();
    assertThat(FailoverService.isEndpointFault(new java.net.SocketTimeoutException("timeout"))).isTrue();
    assertThat(FailoverService.isEndpointFault(new ClientConnectionException("Invalid response received: 503; x")))
        .isTrue();
    assertThat(FailoverService.isEndpointFault(new ClientConnectionException("Invalid response received: 429; x")))
        .isTrue();
    assertThat(FailoverService.isEndpointFault(new ClientConnectionException("Invalid response received: 401; x")))
        .isTrue();
    assertThat(FailoverService.isEndpointFault(new ClientConnectionException("Invalid response received: 400; x")))
        .isFalse();
    assertThat(FailoverService.isEndpointFault(new RpcException("eth_call", 3, "execution reverted", "0x")))
        .isFalse();
    assertThat(FailoverService.isEndpointFault(new java.io.InterruptedIOException("interrupted"))).isFalse();
  }

  // -- fixtures

  private FailoverService failover(Duration coolDown, LoopbackRpc... servers) {
    List<HttpService> services = new ArrayList<>();
    for (LoopbackRpc s : servers) {
      services.add(http(s.url()));
    }
    return closing(new FailoverService(services, coolDown));
  }

  private FailoverService closing(FailoverService f) {
    closing.add(f::close);
    return f;
  }

  /** Read timeout 300 ms, shorter than a stall; no silent retry by OkHttp, so the counts are exact. */
  private static HttpService http(String url) {
    OkHttpClient client = new OkHttpClient.Builder().readTimeout(300, TimeUnit.MILLISECONDS)
        .connectTimeout(300, TimeUnit.MILLISECONDS).retryOnConnectionFailure(false).build();
    return new HttpService(url, client);
  }

  private static Web3j web3j(FailoverService f) {
    return Web3j.build(f);
  }

  private LoopbackRpc server(Mode mode) throws IOException {
    LoopbackRpc s = new LoopbackRpc(mode);
    closing.add(s);
    return s;
  }

  enum Mode { OK, HTTP_503, HTTP_400, STALL, CLOSE }

  /**
   * A real JSON-RPC server on loopback (the JDK's HttpServer) answering in its {@link Mode}:
   * eth_chainId, eth_blockNumber (42), eth_call (reverts); counts the calls it gets.
   */
  static final class LoopbackRpc implements AutoCloseable {
    final HttpServer server;
    final ExecutorService threads = Executors.newCachedThreadPool();
    final AtomicInteger calls = new AtomicInteger();
    final List<String> methods = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile Mode mode;
    volatile long chainId = 31337;

    LoopbackRpc(Mode mode) throws IOException {
      this.mode = mode;
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
      server.setExecutor(threads);
      server.createContext("/", this::handle);
      server.start();
    }

    int port() {
      return server.getAddress().getPort();
    }

    String url() {
      return "http://127.0.0.1:" + port();
    }

    private void handle(HttpExchange ex) throws IOException {
      try (ex) {
        JsonNode request = JSON.readTree(ex.getRequestBody().readAllBytes());
        calls.incrementAndGet();
        switch (mode) {
          case HTTP_503 -> respond(ex, 503, "{\"error\":\"unavailable\"}");
          case HTTP_400 -> respond(ex, 400, "{\"error\":\"bad request\"}");
          case STALL -> {
            Thread.sleep(1_500);
            respond(ex, 503, "{}");
          }
          case CLOSE -> { } // closed unanswered
          case OK -> {
            if (request.isArray()) {
              ArrayNode out = JSON.createArrayNode();
              request.forEach(r -> out.add(answer(r)));
              respond(ex, 200, JSON.writeValueAsString(out));
            } else {
              respond(ex, 200, JSON.writeValueAsString(answer(request)));
            }
          }
          default -> throw new IllegalStateException();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // the client went away
      }
    }

    private ObjectNode answer(JsonNode request) {
      String method = request.path("method").asText();
      methods.add(method);
      ObjectNode r = JSON.createObjectNode().put("jsonrpc", "2.0").set("id", request.get("id"));
      switch (method) {
        case "eth_chainId" -> r.put("result", "0x" + Long.toHexString(chainId));
        case "eth_blockNumber" -> r.put("result", "0x2a");
        case "eth_call" -> r.set("error", JSON.createObjectNode().put("code", 3).put("message", "execution reverted")
            .put("data", REVERT_DATA));
        default -> r.set("error", JSON.createObjectNode().put("code", -32601).put("message", "no " + method));
      }
      return r;
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }

    @Override
    public void close() {
      server.stop(0);
      threads.shutdownNow();
    }
  }
}
