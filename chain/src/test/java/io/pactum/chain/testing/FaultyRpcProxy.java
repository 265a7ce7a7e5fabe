package io.pactum.chain.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W8: a JSON-RPC proxy on loopback in front of a node that answers a share of the calls badly:
 * HTTP 503, no answer until the client timed out (the call not forwarded), an answer lost after
 * the call was forwarded (its effect happened), {@code eth_getLogs} answered with no logs, and a
 * stale head ({@code eth_blockNumber} a few blocks behind). {@link #outage} refuses every call for
 * a while. Counts every call and every fault.
 */
public final class FaultyRpcProxy implements AutoCloseable {
  /** The faults it injects. */
  public enum Fault { SERVER_ERROR, TIMEOUT, LOST_REPLY, EMPTY_LOGS, STALE_HEAD, OUTAGE }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "faulty-rpc");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient upstream = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI target;
  private final Random random;
  private final Duration stall;
  private volatile double faultRate;
  private volatile long outageUntil;
  private final AtomicLong calls = new AtomicLong();
  private final Map<Fault, AtomicLong> faults = new EnumMap<>(Fault.class);

  /**
   * @param target the node's JSON-RPC URL
   * @param faultRate share of calls answered badly (0..1)
   * @param stall how long a "timeout" holds the call (longer than the client's read timeout)
   */
  public FaultyRpcProxy(String target, double faultRate, Duration stall, long seed) throws IOException {
    this.target = URI.create(target);
    this.faultRate = faultRate;
    this.stall = stall;
    this.random = new Random(seed);
    for (Fault f : Fault.values()) {
      faults.put(f, new AtomicLong());
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public void faultRate(double rate) {
    this.faultRate = rate;
  }

  /** Refuses every call (the connection closes unanswered) for {@code duration} from now. */
  public void outage(Duration duration) {
    outageUntil = System.nanoTime() + duration.toNanos();
  }

  public long calls() {
    return calls.get();
  }

  public long faults(Fault f) {
    return faults.get(f).get();
  }

  public long faults() {
    return faults.values().stream().mapToLong(AtomicLong::get).sum();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      calls.incrementAndGet();
      if (System.nanoTime() < outageUntil) {
        faults.get(Fault.OUTAGE).incrementAndGet();
        return; // closed without an answer
      }
      JsonNode request = JSON.readTree(body);
      String method = request.isObject() ? request.path("method").asText() : "batch";
      Fault fault = pick(method);
      if (fault != null) {
        faults.get(fault).incrementAndGet();
      }
      if (fault == Fault.SERVER_ERROR) {
        respond(ex, 503, "{\"error\":\"injected\"}".getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (fault == Fault.TIMEOUT) {
        sleep(stall);
        respond(ex, 503, "{\"error\":\"injected timeout\"}".getBytes(StandardCharsets.UTF_8));
        return;
      }
      byte[] reply = forward(body);
      if (fault == Fault.LOST_REPLY) {
        sleep(stall); // the call took effect; the client has given up by now
      } else if (fault == Fault.EMPTY_LOGS) {
        ObjectNode r = (ObjectNode) JSON.readTree(reply);
        if (r.has("result")) {
          r.set("result", JSON.createArrayNode());
        }
        reply = JSON.writeValueAsBytes(r);
      } else if (fault == Fault.STALE_HEAD) {
        ObjectNode r = (ObjectNode) JSON.readTree(reply);
        if (r.has("result")) {
          long head = Long.decode(r.get("result").asText());
          r.put("result", "0x" + Long.toHexString(Math.max(0, head - 1 - random.nextInt(3))));
        }
        reply = JSON.writeValueAsBytes(r);
      }
      respond(ex, 200, reply);
    } catch (IOException e) {
      // the client went away (it timed out): nothing to answer
    }
  }

  private synchronized Fault pick(String method) {
    if (random.nextDouble() >= faultRate) {
      return null;
    }
    return switch (method) {
      case "eth_getLogs" -> random.nextBoolean() ? Fault.EMPTY_LOGS : generic();
      case "eth_blockNumber" -> random.nextBoolean() ? Fault.STALE_HEAD : generic();
      default -> generic();
    };
  }

  private Fault generic() {
    return switch (random.nextInt(3)) {
      case 0 -> Fault.SERVER_ERROR;
      case 1 -> Fault.TIMEOUT;
      default -> Fault.LOST_REPLY;
    };
  }

  private byte[] forward(byte[] body) throws IOException {
    try {
      return upstream.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
          HttpResponse.BodyHandlers.ofByteArray()).body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void respond(HttpExchange ex, int status, byte[] reply) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, reply.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(reply);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
