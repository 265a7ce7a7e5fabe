package io.pactum.chain.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.exceptions.ClientConnectionException;

class RetryTest {
  private final Retry retry = new Retry(4, Duration.ofMillis(1), Duration.ofMillis(5));

  @Test
  void shouldRetryTransientFaultsThenSucceed() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    String r = retry.call("x", () -> {
      int n = calls.incrementAndGet();
      if (n == 1) {
        throw new IOException("connection reset");
      }
      if (n == 2) {
        throw new ClientConnectionException("Invalid response received: 503; busy");
      }
      return "ok";
    });
    assertThat(r).isEqualTo("ok");
    assertThat(calls).hasValue(3);
  }

  @Test
  void shouldNotRetryJsonRpcErrors() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> retry.call("x", () -> {
      calls.incrementAndGet();
      throw new RpcException("eth_call", 3, "execution reverted", "0x");
    })).isInstanceOf(RpcException.class);
    assertThat(calls).hasValue(1);
    assertThat(Retry.isTransient(new ClientConnectionException("Invalid response received: 400; bad"))).isFalse();
  }

  @Test
  void shouldGiveUpAfterMaxAttempts() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> retry.call("x", () -> {
      calls.incrementAndGet();
      throw new IOException("down");
    })).isInstanceOf(IOException.class);
    assertThat(calls).hasValue(4);
    assertThat(retry.delayMillis(10)).isBetween(0L, 5L);
  }
}
