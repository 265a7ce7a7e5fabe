package io.pactum.chain.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Bloom;

/** The bloom test the poller checks replies with (W8). */
class LogFilterTest {
  static final String EMITTER = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
  static final String OTHER = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
  static final String PING = "0x" + "ab".repeat(32);
  static final String PONG = "0x" + "cd".repeat(32);

  private static String bloomOf(String... items) {
    Bloom b = new Bloom();
    for (String i : items) {
      b.add(i);
    }
    return b.getBytesHexString();
  }

  @Test
  void shouldMatchABloomHoldingTheAddressAndATopic0Alternative() {
    LogFilter f = LogFilter.of("t", List.of(EMITTER), List.of(PONG, PING), 0);
    assertThat(f.mayMatch(bloomOf(EMITTER, PING))).isTrue();
    assertThat(f.mayMatch(bloomOf(EMITTER, PONG))).isTrue();
  }

  @Test
  void shouldNotMatchWhenTheAddressOrTheTopicIsMissing() {
    LogFilter f = LogFilter.of("t", List.of(EMITTER), List.of(PING), 0);
    assertThat(f.mayMatch(bloomOf(OTHER, PING))).as("another contract's Ping").isFalse();
    assertThat(f.mayMatch(bloomOf(EMITTER, PONG))).as("another event").isFalse();
    assertThat(f.mayMatch(bloomOf())).as("an empty block").isFalse();
  }

  @Test
  void shouldMatchAnyTopicWhenTopic0IsFreeAndNothingWithoutABloom() {
    LogFilter any = new LogFilter("t", List.of(EMITTER), List.of(), 0);
    assertThat(any.mayMatch(bloomOf(EMITTER, PONG))).isTrue();
    assertThat(any.mayMatch(null)).as("no bloom: nothing to check").isFalse();
    assertThat(any.mayMatch("0x")).isFalse();
  }
}
