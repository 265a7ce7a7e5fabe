package io.pactum.cli.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.chain.deals.DealEvent;
import io.pactum.chain.deals.DealManagerGateway;
import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Bytes32;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The chain module's decoded events and phases as the CLI's ports show them. */
class LiveChainTest {
    static final Bytes32 ID = Bytes32.keccak(new byte[] {1});
    static final Address NODE = Address.parse("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");

    @Test
    void shouldMapResultPostedAndAcceptedEvents() {
        DealChain.Event posted = LiveChain.event(new DealManagerGateway.ResultPosted(ID, NODE,
                Bytes.of(new byte[] {1, 0x55, 0, 1}), 77, 9, "0xab"));
        assertThat(posted.name()).isEqualTo("ResultPosted");
        assertThat(posted.block()).isEqualTo(9);
        assertThat(posted.txHash()).isEqualTo("0xab");
        assertThat(posted.resultCid()).contains(Bytes.of(new byte[] {1, 0x55, 0, 1}));
        assertThat(posted.fields()).containsEntry("fuelUsed", BigInteger.valueOf(77)).containsEntry("node", NODE.toString());
        assertThat(posted.deal()).isNull();

        DealChain.Event accepted = LiveChain.event(new DealEvent.Accepted(ID, true, BigInteger.ONE, BigInteger.TWO,
                BigInteger.TEN, 10, "0xcd"));
        assertThat(accepted.name()).isEqualTo("DealAccepted");
        assertThat(accepted.fields()).containsKeys("byClient", "nodePayment", "networkFee", "clientRefund")
                .containsEntry("clientRefund", BigInteger.TEN);
    }

    @Test
    void shouldKnowTheDealPhasesOfTheChainModule() {
        assertThat(Arrays.stream(DealPhase.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(io.pactum.chain.deals.DealPhase.values()).map(Enum::name).toList());
        assertThat(DealPhase.of(4)).isEqualTo(DealPhase.RESULT_POSTED);
        assertThat(DealPhase.RESULT_POSTED.solidityName()).isEqualTo("ResultPosted");
        assertThat(DealPhase.ACCEPTED.terminal()).isTrue();
        assertThat(DealPhase.MEDIATION_REQUESTED.terminal()).isFalse();
    }
}
