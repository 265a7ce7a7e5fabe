package io.pactum.chain.logs;

import java.util.List;
import java.util.Objects;

/**
 * What a poller reads: a unique {@code name} (the cursor key), the contract addresses, topic
 * filters by position (each position a list of alternatives; an empty list matches anything), and
 * the first block to read when no cursor exists yet.
 */
public record LogFilter(String name, List<String> addresses, List<List<String>> topics, long startBlock) {
  public LogFilter {
    Objects.requireNonNull(name);
    addresses = addresses.stream().map(String::toLowerCase).toList();
    topics = topics == null ? List.of() : topics.stream().map(l -> l.stream().map(String::toLowerCase).toList()).toList();
    if (startBlock < 0) {
      throw new IllegalArgumentException("startBlock < 0");
    }
  }

  /**
   * Whether a block with this {@code logsBloom} may hold a log this filter matches: one of the
   * addresses and (when topic 0 is constrained) one of its alternatives are both in the bloom. False
   * when the node gives no bloom (nothing to check against).
   */
  public boolean mayMatch(String logsBloom) {
    if (logsBloom == null || logsBloom.length() < 2 + 512) {
      return false;
    }
    org.web3j.utils.Bloom bloom = new org.web3j.utils.Bloom(logsBloom);
    boolean address = addresses.isEmpty() || addresses.stream().anyMatch(bloom::test);
    boolean topic0 = topics.isEmpty() || topics.get(0).isEmpty() || topics.get(0).stream().anyMatch(bloom::test);
    return address && topic0;
  }

  /** Any of {@code topic0s} emitted by any of {@code addresses}. */
  public static LogFilter of(String name, List<String> addresses, List<String> topic0s, long startBlock) {
    return new LogFilter(name, addresses, topic0s.isEmpty() ? List.of() : List.of(topic0s), startBlock);
  }
}
