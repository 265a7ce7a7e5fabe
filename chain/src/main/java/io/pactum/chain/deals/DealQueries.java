package io.pactum.chain.deals;

import io.pactum.chain.rpc.ChainConnection;
import io.pactum.chain.rpc.RpcException;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.deal.Deal;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Read-only questions about deals for tools without a log cursor (the {@code pactum} command,
 * tests): the event history of one deal, read with {@code eth_getLogs} from the deployment block
 * in ranges of at most {@link #DEFAULT_MAX_RANGE} blocks (halved when a provider refuses a range),
 * and the chain's current time. Services follow events with {@link io.pactum.chain.logs.LogPoller}.
 */
public final class DealQueries {
  /** Blocks per {@code eth_getLogs} call: within what public providers accept. */
  public static final int DEFAULT_MAX_RANGE = 2_000;

  private final ChainConnection chain;
  private final DealManagerGateway gateway;
  private final long deployBlock;
  private final int maxRange;

  public DealQueries(ChainConnection chain, Address dealManager, long deployBlock) {
    this(chain, dealManager, deployBlock, DEFAULT_MAX_RANGE);
  }

  public DealQueries(ChainConnection chain, Address dealManager, long deployBlock, int maxRange) {
    if (maxRange < 1) {
      throw new IllegalArgumentException("maxRange must be positive");
    }
    this.chain = chain;
    this.gateway = new DealManagerGateway(chain, dealManager);
    this.deployBlock = Math.max(0, deployBlock);
    this.maxRange = maxRange;
  }

  public DealManagerGateway gateway() {
    return gateway;
  }

  /** The latest block's timestamp: the chain's "now", which every deal deadline is measured against. */
  public long chainTime() throws IOException {
    return chain.latestHeader().getTimestamp().longValueExact();
  }

  /** Every event of {@code dealId} from the deployment block to the head, oldest first. */
  public List<DealEvent> history(Bytes32 dealId) throws IOException {
    return history(dealId, deployBlock, chain.blockNumber());
  }

  /** The events of {@code dealId} in blocks {@code [from, to]}, oldest first. */
  public List<DealEvent> history(Bytes32 dealId, long from, long to) throws IOException {
    List<DealEvent> out = new ArrayList<>();
    int range = maxRange;
    long start = from;
    while (start <= to) {
      long end = Math.min(to, start + range - 1);
      List<Log> logs;
      try {
        logs = logs(dealId, start, end);
      } catch (RpcException e) {
        if (range > 1 && e.mentions("range", "limit", "too many", "exceed", "more than")) {
          range = Math.max(1, range / 2);
          continue;
        }
        throw e;
      }
      for (Log log : logs) {
        if (!log.isRemoved()) {
          DealManagerGateway.decodeEvent(log).ifPresent(out::add);
        }
      }
      start = end + 1;
    }
    return out;
  }

  /** The agreed terms, from the deal's {@code DealAgreed} event. */
  public Optional<Deal> agreedTerms(Bytes32 dealId) throws IOException {
    return history(dealId).stream()
        .filter(e -> e instanceof DealManagerGateway.DealAgreed)
        .map(e -> ((DealManagerGateway.DealAgreed) e).deal())
        .findFirst();
  }

  private List<Log> logs(Bytes32 dealId, long from, long to) throws IOException {
    EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
        DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), gateway.address());
    filter.addOptionalTopics(DealManagerGateway.DEAL_EVENT_TOPICS.toArray(String[]::new));
    filter.addSingleTopic(dealId.toHex());
    List<Log> out = new ArrayList<>();
    for (EthLog.LogResult<?> r : chain.send(chain.web3j().ethGetLogs(filter)).getLogs()) {
      if (r.get() instanceof Log log) {
        out.add(log);
      }
    }
    return out;
  }
}
