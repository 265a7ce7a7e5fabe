package io.pactum.chain.rpc;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jboss.logging.Logger;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.tx.response.TransactionReceiptProcessor;

/**
 * The chain over one JSON-RPC endpoint, or several with failover ({@link FailoverService}): a Web3j
 * with fast polling, the chain id checked at start (at every endpoint), retries with backoff and
 * jitter for transient faults, and a receipt processor polling every few tens of ms.
 */
public final class ChainConnection implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ChainConnection.class);

  private final Web3jService service;
  private final Web3j web3j;
  private final long chainId;
  private final Retry retry;
  private final Duration pollInterval;
  private final ScheduledExecutorService executor;

  private ChainConnection(Web3jService service, Web3j web3j, long chainId, Retry retry, Duration poll, ScheduledExecutorService ex) {
    this.service = service;
    this.web3j = web3j;
    this.chainId = chainId;
    this.retry = retry;
    this.pollInterval = poll;
    this.executor = ex;
  }

  /**
   * Connects to {@code url}: one http(s) URL, or a comma-separated list of them, most preferred
   * first, used with failover ({@link FailoverService}, 30 s cool-down). Fails unless the node
   * reports {@code expectedChainId} (null: any); with several endpoints, unless every endpoint that
   * answers reports the same chain (one that does not answer at start is logged and kept).
   *
   * @throws IllegalArgumentException when {@code url} is not an http(s) URL or such a list
   * @throws IllegalStateException when an endpoint is on another chain
   */
  public static ChainConnection open(String url, Long expectedChainId) throws IOException {
    List<String> urls = urls(url);
    Web3jService service = urls.size() == 1 ? new HttpService(urls.get(0)) : FailoverService.of(urls);
    return open(service, expectedChainId, Duration.ofMillis(50), Retry.defaults());
  }

  /**
   * The URLs of {@code urls} (one URL or a comma-separated list; blanks around commas are ignored):
   * each must be an absolute http(s) URL with a host, none given twice.
   *
   * @throws IllegalArgumentException naming the entry at fault by its position, not in full (a URL
   *     may hold an API key)
   */
  public static List<String> urls(String urls) {
    if (urls == null || urls.isBlank()) {
      throw new IllegalArgumentException("RPC URL is empty: give an http(s) URL or a comma-separated list of them");
    }
    String[] parts = urls.split(",", -1);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      String u = parts[i].trim();
      String which = parts.length == 1 ? "RPC URL" : "RPC URL " + (i + 1) + " of " + parts.length;
      if (u.isEmpty()) {
        throw new IllegalArgumentException(which + " is empty (a comma too many?)");
      }
      URI parsed;
      try {
        parsed = new URI(u);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(which + " is not a URL: " + e.getReason() + " at index " + e.getIndex());
      }
      String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException(which + " is not an http(s) URL"
            + (scheme.isEmpty() ? " (no scheme)" : " (scheme " + scheme + ")"));
      }
      if (parsed.getHost() == null) {
        throw new IllegalArgumentException(which + " has no host");
      }
      int earlier = out.indexOf(u);
      if (earlier >= 0) {
        throw new IllegalArgumentException(which + " repeats RPC URL " + (earlier + 1) + " ("
            + FailoverService.label(u) + ")");
      }
      out.add(u);
    }
    return List.copyOf(out);
  }

  /**
   * Connects through {@code service}; a {@link FailoverService} has the chain id of each of its
   * endpoints checked ({@link FailoverService#checkChainIds}).
   */
  public static ChainConnection open(Web3jService service, Long expectedChainId, Duration pollInterval, Retry retry)
      throws IOException {
    ScheduledExecutorService ex = Executors.newScheduledThreadPool(1, r -> {
      Thread t = new Thread(r, "web3j-poll");
      t.setDaemon(true);
      return t;
    });
    Web3j web3j = Web3j.build(service, pollInterval.toMillis(), ex);
    long chainId;
    try {
      chainId = service instanceof FailoverService f
          ? f.checkChainIds(expectedChainId, retry)
          : retry.call("eth_chainId", () -> check("eth_chainId", web3j.ethChainId().send())).getChainId().longValueExact();
    } catch (IOException | RuntimeException e) {
      web3j.shutdown();
      throw e;
    }
    if (expectedChainId != null && chainId != expectedChainId) {
      web3j.shutdown();
      throw new IllegalStateException("chain id " + chainId + " != expected " + expectedChainId);
    }
    LOG.debugf("connected to chain %d", chainId);
    return new ChainConnection(service, web3j, chainId, retry, pollInterval, ex);
  }

  public Web3j web3j() {
    return web3j;
  }

  public Web3jService service() {
    return service;
  }

  public long chainId() {
    return chainId;
  }

  /** The endpoints' state for a status page ({@link FailoverService#describe()}); null with one endpoint. */
  public String endpoints() {
    return service instanceof FailoverService f ? f.describe() : null;
  }

  public Retry retry() {
    return retry;
  }

  /** Receipt polling every {@code pollInterval} (default 50 ms) up to {@code timeout}. */
  public TransactionReceiptProcessor receiptProcessor(Duration timeout) {
    long sleep = Math.max(10, pollInterval.toMillis());
    return new PollingTransactionReceiptProcessor(web3j, sleep, (int) Math.max(1, timeout.toMillis() / sleep));
  }

  /** A web3j transaction manager for direct sends (deployments, tests): EIP-155, fast receipts. */
  public TransactionManager transactionManager(Credentials credentials) {
    return new RawTransactionManager(web3j, credentials, chainId, receiptProcessor(Duration.ofSeconds(60)));
  }

  /** Sends with retries; a JSON-RPC error reply becomes an {@link RpcException}. */
  public <T extends Response<?>> T send(Request<?, T> request) throws IOException {
    return retry.call(request.getMethod(), () -> check(request.getMethod(), request.send()));
  }

  public static <T extends Response<?>> T check(String method, T response) throws RpcException {
    if (response.hasError()) {
      Response.Error e = response.getError();
      throw new RpcException(method, e.getCode(), e.getMessage(), e.getData());
    }
    return response;
  }

  // -- small typed helpers used by the poller and the transaction manager

  public long blockNumber() throws IOException {
    return send(web3j.ethBlockNumber()).getBlockNumber().longValueExact();
  }

  /** Header (no transactions) of block {@code number}; null when the chain is shorter. */
  public EthBlock.Block header(long number) throws IOException {
    return send(web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)).getBlock();
  }

  public EthBlock.Block latestHeader() throws IOException {
    return send(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)).getBlock();
  }

  /** Headers of the given blocks in one JSON-RPC batch, by number (absent past the head). */
  public java.util.Map<Long, EthBlock.Block> headers(java.util.Collection<Long> numbers) throws IOException {
    java.util.Map<Long, EthBlock.Block> out = new java.util.HashMap<>();
    if (numbers.isEmpty()) {
      return out;
    }
    return retry.call("eth_getBlockByNumber[batch]", () -> {
      org.web3j.protocol.core.BatchRequest batch = web3j.newBatch();
      for (long n : numbers) {
        batch.add(web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(n)), false));
      }
      out.clear();
      for (Response<?> r : batch.send().getResponses()) {
        EthBlock.Block b = ((EthBlock) check("eth_getBlockByNumber", r)).getBlock();
        if (b != null) {
          out.put(b.getNumber().longValueExact(), b);
        }
      }
      return out;
    });
  }

  /** The receipt, or null when the transaction is not (or no longer) mined. */
  public TransactionReceipt receipt(String txHash) throws IOException {
    return send(web3j.ethGetTransactionReceipt(txHash)).getTransactionReceipt().orElse(null);
  }

  @Override
  public void close() {
    web3j.shutdown();
    executor.shutdownNow();
  }
}
