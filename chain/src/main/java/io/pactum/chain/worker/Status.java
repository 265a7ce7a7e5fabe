package io.pactum.chain.worker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a worker's readiness check reports (W7): its log poller (a reorg deeper than allowed halts
 * it) and its transaction manager; with several RPC endpoints, which one is in use (W8; not a
 * readiness condition). {@code null} texts when there is nothing to say.
 */
public record Status(String poller, boolean pollerHealthy, String haltCause, String pollerLastError,
    boolean txManagerRunning, boolean leaseHeld, String txManagerLastError, String rpcEndpoints) {

  /** A status with one RPC endpoint (nothing to say about endpoints). */
  public Status(String poller, boolean pollerHealthy, String haltCause, String pollerLastError,
      boolean txManagerRunning, boolean leaseHeld, String txManagerLastError) {
    this(poller, pollerHealthy, haltCause, pollerLastError, txManagerRunning, leaseHeld, txManagerLastError, null);
  }

  /** A worker that has not started (or failed to). */
  public static Status notStarted() {
    return new Status("(not started)", false, "workers are starting or failed to start", null, false, false, null);
  }

  /** Ready: the poller is healthy and the transaction manager runs. */
  public boolean ready() {
    return pollerHealthy && txManagerRunning;
  }

  /** The readiness flags: logPollerHealthy, txManagerRunning, txManagerLeaseHeld. */
  public Map<String, Boolean> flags() {
    Map<String, Boolean> d = new LinkedHashMap<>();
    d.put("logPollerHealthy", pollerHealthy);
    d.put("txManagerRunning", txManagerRunning);
    d.put("txManagerLeaseHeld", leaseHeld);
    return d;
  }

  /**
   * The readiness texts, without the empty ones: logPoller, haltCause, logPollerLastError,
   * txManagerLastError, rpcEndpoints.
   */
  public Map<String, String> texts() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("logPoller", poller);
    if (haltCause != null) {
      d.put("haltCause", haltCause);
    }
    if (pollerLastError != null) {
      d.put("logPollerLastError", pollerLastError);
    }
    if (txManagerLastError != null) {
      d.put("txManagerLastError", txManagerLastError);
    }
    if (rpcEndpoints != null) {
      d.put("rpcEndpoints", rpcEndpoints);
    }
    return d;
  }
}
