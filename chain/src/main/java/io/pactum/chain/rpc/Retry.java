package io.pactum.chain.rpc;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;
import org.web3j.protocol.exceptions.ClientConnectionException;

/**
 * Retries transient RPC failures (I/O errors, HTTP 429 and 5xx) with exponential backoff and full
 * jitter. JSON-RPC error replies ({@link RpcException}) are answers, not faults: never retried.
 */
public final class Retry {
  private static final Logger LOG = Logger.getLogger(Retry.class);

  /** An RPC call. */
  @FunctionalInterface
  public interface IoCall<T> {
    T call() throws IOException;
  }

  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;

  public Retry(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts < 1");
    }
    this.maxAttempts = maxAttempts;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
  }

  public static Retry defaults() {
    return new Retry(5, Duration.ofMillis(50), Duration.ofSeconds(2));
  }

  public static Retry none() {
    return new Retry(1, Duration.ZERO, Duration.ZERO);
  }

  public <T> T call(String what, IoCall<T> call) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.call();
      } catch (IOException | ClientConnectionException e) {
        if (!isTransient(e) || attempt >= maxAttempts) {
          throw e instanceof IOException io ? io : new IOException(what + ": " + e.getMessage(), e);
        }
        long delay = delayMillis(attempt);
        LOG.debugf("%s failed (attempt %d/%d, retry in %d ms): %s", what, attempt, maxAttempts, delay, e.toString());
        try {
          Thread.sleep(delay);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException(what + " interrupted");
        }
      }
    }
  }

  /** Full jitter: uniform in [0, min(max, base * 2^(attempt-1))]. */
  long delayMillis(int attempt) {
    long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
    return cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1);
  }

  public static boolean isTransient(Throwable e) {
    if (e instanceof RpcException || e instanceof InterruptedIOException && !(e instanceof java.net.SocketTimeoutException)) {
      return false;
    }
    if (e instanceof ClientConnectionException) {
      String m = String.valueOf(e.getMessage());
      return m.contains(": 5") || m.contains(": 429") || m.contains("408");
    }
    return e instanceof IOException;
  }
}
