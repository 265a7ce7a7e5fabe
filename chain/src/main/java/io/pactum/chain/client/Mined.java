package io.pactum.chain.client;

import java.math.BigInteger;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * A successful transaction of {@link DirectSender}: where it was mined, its gas, and the web3j
 * receipt for chain-side decoding (e.g. {@link io.pactum.chain.deals.DealManagerGateway#events}).
 */
public record Mined(String txHash, long blockNumber, BigInteger gasUsed, TransactionReceipt receipt) {
  static Mined of(TransactionReceipt r) {
    return new Mined(r.getTransactionHash(), r.getBlockNumber().longValueExact(), r.getGasUsed(), r);
  }
}
