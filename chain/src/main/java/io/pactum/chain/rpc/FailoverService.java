package io.pactum.chain.rpc;

import io.reactivex.Flowable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthChainId;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Async;

/**
 * W8: one chain over several JSON-RPC endpoints, in the order of preference they are given in.
 * Sticky: calls go to the current endpoint until it fails in transport (an I/O error, a connect or
 * read timeout, HTTP 5xx, 408, 429, or 401/403/404: the endpoint refuses us or is not there); it is
 * then down for a cool-down, and the same call goes at once to the next endpoint that is not down.
 * The most preferred endpoint that is not down is always tried first, so the service returns to the
 * first one once its cool-down is over (and it answers). A call throws only when every endpoint
 * failed it in one pass (endpoints that are down are tried last, the one whose cool-down ends first
 * first): an {@link IOException} naming each endpoint and its fault, for {@link Retry} to back off.
 *
 * <p>A JSON-RPC error reply (a revert, a nonce too low) is an answer, not a fault of the endpoint:
 * returned as it is. Other non-2xx replies (400, 413: the call itself is at fault) are thrown as
 * they are, without trying another endpoint.
 *
 * <p>Once given a chain id ({@link #checkChainIds}), an endpoint that did not answer that check is
 * asked for its chain id before its first use; on another chain it is never used.
 *
 * <p>Endpoints are named in logs and messages by index and {@code host:port} only (a URL's user
 * info, path and query may hold an API key). HTTP only: no subscriptions.
 */
public final class FailoverService implements Web3jService {
  private static final Logger LOG = Logger.getLogger(FailoverService.class);
  private static final Pattern HTTP_STATUS = Pattern.compile("Invalid response received: (\\d{3})");
  private static final int MAX_FAULT_TEXT = 200;

  /** The default time an endpoint that failed stays down. */
  public static final Duration DEFAULT_COOL_DOWN = Duration.ofSeconds(30);

  /** One endpoint and what this service knows of it; its mutable fields under the service's lock. */
  private static final class Endpoint {
    final int index;
    final HttpService service;
    final String label;
    boolean down;
    long downSince;
    long downUntil;
    boolean chainChecked;
    Long wrongChain; // the chain id it reported, when not the expected one: never used

    Endpoint(int index, HttpService service) {
      this.index = index;
      this.service = service;
      this.label = label(service.getUrl());
    }

    @Override
    public String toString() {
      return "#" + index + " (" + label + ")";
    }
  }

  private final List<Endpoint> endpoints;
  private final long coolDownNanos;
  private final AtomicLong switches = new AtomicLong();
  private volatile int current;
  private volatile Long expectedChainId; // null: endpoints are not asked for their chain id

  /**
   * @param endpoints the endpoints, most preferred first (at least one)
   * @param coolDown how long an endpoint that failed stays down (it is tried again only when no
   *     other endpoint answers)
   */
  public FailoverService(List<HttpService> endpoints, Duration coolDown) {
    if (endpoints == null || endpoints.isEmpty()) {
      throw new IllegalArgumentException("FailoverService needs at least one endpoint");
    }
    if (coolDown == null || coolDown.isNegative()) {
      throw new IllegalArgumentException("cool-down must be >= 0, got " + coolDown);
    }
    List<Endpoint> list = new ArrayList<>();
    for (HttpService s : endpoints) {
      list.add(new Endpoint(list.size(), java.util.Objects.requireNonNull(s, "endpoint")));
    }
    this.endpoints = List.copyOf(list);
    this.coolDownNanos = coolDown.toNanos();
  }

  /** Over {@code urls} (most preferred first), each a plain {@link HttpService}, with the default cool-down. */
  public static FailoverService of(List<String> urls) {
    return new FailoverService(urls.stream().map(HttpService::new).toList(), DEFAULT_COOL_DOWN);
  }

  /** {@code host:port} of {@code url}, without user info, path or query; "?" when it does not parse. */
  public static String label(String url) {
    try {
      URI u = URI.create(url.trim());
      if (u.getHost() == null) {
        return "?";
      }
      return u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
    } catch (IllegalArgumentException e) {
      return "?";
    }
  }

  // -- what it knows

  /** How many endpoints. */
  public int size() {
    return endpoints.size();
  }

  /** The index of the endpoint in use: the one that answered last (0 at first). */
  public int current() {
    return current;
  }

  /** {@code host:port} of endpoint {@code index}. */
  public String label(int index) {
    return endpoints.get(index).label;
  }

  /** How often the endpoint in use changed (to another after faults, back to a preferred one after its cool-down). */
  public long switches() {
    return switches.get();
  }

  /** Whether endpoint {@code index} is down now (in its cool-down, or on another chain). */
  public synchronized boolean isDown(int index) {
    Endpoint e = endpoints.get(index);
    return e.wrongChain != null || isDown(e, System.nanoTime());
  }

  /** One line for a status page: the endpoint in use, the switches, those down. */
  public synchronized String describe() {
    long now = System.nanoTime();
    StringBuilder b = new StringBuilder().append(endpoints.get(current)).append(" of ").append(endpoints.size())
        .append(", ").append(switches.get()).append(switches.get() == 1 ? " switch" : " switches");
    List<String> down = new ArrayList<>();
    for (Endpoint e : endpoints) {
      if (e.wrongChain != null) {
        down.add(e + " on chain " + e.wrongChain);
      } else if (isDown(e, now)) {
        down.add(e.toString());
      }
    }
    if (!down.isEmpty()) {
      b.append(", down: ").append(String.join(", ", down));
    }
    return b.toString();
  }

  // -- chain id

  /**
   * Asks every endpoint for its chain id ({@code retry} for each): one on another chain than
   * {@code expected} (or, when null, than the first that answers) is a configuration error
   * ({@link IllegalStateException} naming it); one that does not answer is logged and stays, and
   * is asked again before its first use. Throws an {@link IOException} when none answers.
   *
   * @return the chain id
   */
  public long checkChainIds(Long expected, Retry retry) throws IOException {
    Long chainId = expected;
    Endpoint first = null;
    List<IOException> unreachable = new ArrayList<>();
    for (Endpoint e : endpoints) {
      long id;
      try {
        id = retry.call("eth_chainId " + e, () -> chainId(e));
      } catch (RpcException ex) {
        throw ex;
      } catch (IOException ex) {
        LOG.warnf("RPC endpoint %s does not answer at start (%s); its chain id is checked before its first use", e,
            shortText(ex));
        unreachable.add(ex);
        continue;
      }
      if (chainId == null) {
        chainId = id;
        first = e;
      } else if (id != chainId) {
        throw new IllegalStateException("RPC endpoint " + e + " is on chain " + id + ", "
            + (first == null ? "expected " + chainId : "endpoint " + first + " on chain " + chainId));
      }
      synchronized (this) {
        e.chainChecked = true;
      }
    }
    if (unreachable.size() == endpoints.size()) {
      IOException none = new IOException("none of the " + endpoints.size() + " RPC endpoints answers: " + names(),
          unreachable.get(unreachable.size() - 1));
      unreachable.subList(0, unreachable.size() - 1).forEach(none::addSuppressed);
      throw none;
    }
    expectedChainId = chainId;
    return chainId;
  }

  private static long chainId(Endpoint e) throws IOException {
    try {
      EthChainId r = new Request<>("eth_chainId", List.<String>of(), e.service, EthChainId.class).send();
      return ChainConnection.check("eth_chainId", r).getChainId().longValueExact();
    } catch (ClientConnectionException ex) {
      throw new IOException(ex.getMessage(), ex);
    }
  }

  /** Before the first use of an endpoint whose chain id was not checked: true when it may be used. */
  private boolean chainOk(Endpoint e) throws IOException {
    Long expected = expectedChainId;
    synchronized (this) {
      if (expected == null || e.chainChecked) {
        return e.wrongChain == null;
      }
    }
    long id;
    try {
      id = chainId(e); // an I/O fault here is a fault of the endpoint
    } catch (RpcException ex) {
      throw new IOException("eth_chainId answered with an error: " + ex.getMessage(), ex);
    }
    synchronized (this) {
      if (id != expected) {
        if (e.wrongChain == null) {
          LOG.errorf("RPC endpoint %s is on chain %d, not %d: it is not used", e, id, expected);
        }
        e.wrongChain = id;
        return false;
      }
      e.chainChecked = true;
      return true;
    }
  }

  // -- Web3jService

  @Override
  public <T extends Response> T send(Request request, Class<T> responseType) throws IOException {
    return failover(request.getMethod(), e -> e.service.send(request, responseType));
  }

  @Override
  public <T extends Response> CompletableFuture<T> sendAsync(Request request, Class<T> responseType) {
    return Async.run(() -> send(request, responseType));
  }

  @Override
  public BatchResponse sendBatch(BatchRequest batch) throws IOException {
    return failover("batch of " + batch.getRequests().size(), e -> e.service.sendBatch(batch));
  }

  @Override
  public CompletableFuture<BatchResponse> sendBatchAsync(BatchRequest batch) {
    return Async.run(() -> sendBatch(batch));
  }

  /** Not supported: subscriptions need a WebSocket connection, and the endpoints are HTTP. */
  @Override
  public <T extends org.web3j.protocol.websocket.events.Notification<?>> Flowable<T> subscribe(Request request,
      String unsubscribeMethod, Class<T> responseType) {
    throw new UnsupportedOperationException("FailoverService is HTTP only: no subscriptions (" + request.getMethod()
        + "); poll instead, or use a WebSocketService");
  }

  /** Closes every endpoint; throws the first failure, the others suppressed. */
  @Override
  public void close() throws IOException {
    IOException first = null;
    for (Endpoint e : endpoints) {
      try {
        e.service.close();
      } catch (IOException ex) {
        if (first == null) {
          first = ex;
        } else {
          first.addSuppressed(ex);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  // -- failover

  @FunctionalInterface
  private interface Call<T> {
    T send(Endpoint e) throws IOException;
  }

  private <T> T failover(String what, Call<T> call) throws IOException {
    boolean[] tried = new boolean[endpoints.size()];
    List<String> faults = new ArrayList<>();
    Throwable last = null;
    List<Throwable> earlier = new ArrayList<>();
    for (Endpoint e = next(tried); e != null; e = next(tried)) {
      tried[e.index] = true;
      long started = System.nanoTime();
      try {
        if (!chainOk(e)) {
          faults.add(e + ": on chain " + e.wrongChain);
          continue;
        }
        T reply = call.send(e);
        answered(e, started);
        return reply;
      } catch (IOException | ClientConnectionException ex) {
        if (!isEndpointFault(ex)) {
          throw ex; // an answer (RpcException), the call's own fault (HTTP 400), or an interrupt
        }
        failed(e, started, ex);
        faults.add(e + ": " + shortText(ex));
        if (last != null) {
          earlier.add(last);
        }
        last = ex;
      }
    }
    IOException all = new IOException(what + ": all " + endpoints.size() + " RPC endpoints failed: "
        + String.join("; ", faults), last);
    earlier.forEach(all::addSuppressed);
    throw all;
  }

  /**
   * The next endpoint to try among those not tried yet: the most preferred that is not down, else
   * the one whose cool-down ends first; null when all were tried. Endpoints on another chain never.
   */
  private synchronized Endpoint next(boolean[] tried) {
    long now = System.nanoTime();
    Endpoint soonest = null;
    for (Endpoint e : endpoints) {
      if (tried[e.index] || e.wrongChain != null) {
        continue;
      }
      if (!isDown(e, now)) {
        return e;
      }
      if (soonest == null || e.downUntil - soonest.downUntil < 0) {
        soonest = e;
      }
    }
    return soonest;
  }

  private static boolean isDown(Endpoint e, long now) {
    return e.down && e.downUntil - now > 0;
  }

  /**
   * {@code e} answered a call sent at {@code started}: it is up (unless it failed since), and in use
   * unless the one in use is more preferred and up.
   */
  private synchronized void answered(Endpoint e, long started) {
    long now = System.nanoTime();
    if (e.down) {
      if (started - e.downSince < 0 && isDown(e, now)) {
        return; // a call sent before its last fault: says nothing about it now
      }
      e.down = false;
    }
    if (current != e.index) {
      Endpoint from = endpoints.get(current);
      if (e.index > from.index && from.wrongChain == null && !isDown(from, now)) {
        return; // a late answer to a call sent while the one in use was down: it is up now, and preferred
      }
      current = e.index;
      switches.incrementAndGet();
      if (e.index < from.index) {
        LOG.warnf("RPC endpoint %s in use again instead of %s (switch %d)", e, from, switches.get());
      } else {
        LOG.warnf("RPC endpoint %s in use instead of %s, which is down (switch %d)", e, from, switches.get());
      }
    }
  }

  /** {@code e} failed a call sent at {@code started}: down for the cool-down from now. */
  private synchronized void failed(Endpoint e, long started, Throwable fault) {
    long now = System.nanoTime();
    if (!isDown(e, now)) {
      LOG.debugf("RPC endpoint %s down for %d ms: %s", e, coolDownNanos / 1_000_000, shortText(fault));
    }
    e.down = true;
    e.downSince = now;
    e.downUntil = now + coolDownNanos;
  }

  /**
   * Whether {@code e} is a fault of the endpoint rather than an answer: an I/O error (a timeout
   * included, but not an interrupt of the calling thread), HTTP 5xx, 408, 429, 401, 403 or 404.
   * Not: a JSON-RPC error reply, other HTTP statuses (the call is at fault), an interrupt.
   */
  public static boolean isEndpointFault(Throwable e) {
    if (e instanceof RpcException) {
      return false;
    }
    if (e instanceof ClientConnectionException) {
      Matcher m = HTTP_STATUS.matcher(String.valueOf(e.getMessage()));
      if (!m.find()) {
        return true; // no status: the connection failed
      }
      int status = Integer.parseInt(m.group(1));
      return status >= 500 || status == 408 || status == 429 || status == 401 || status == 403 || status == 404;
    }
    if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
      return "timeout".equals(e.getMessage()) && !Thread.currentThread().isInterrupted(); // OkHttp's call timeout
    }
    return e instanceof IOException;
  }

  private String names() {
    List<String> out = new ArrayList<>();
    endpoints.forEach(e -> out.add(e.toString()));
    return String.join(", ", out);
  }

  private static String shortText(Throwable t) {
    String s = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    s = s.replaceAll("\\s+", " ");
    return s.length() <= MAX_FAULT_TEXT ? s : s.substring(0, MAX_FAULT_TEXT) + "…";
  }
}
