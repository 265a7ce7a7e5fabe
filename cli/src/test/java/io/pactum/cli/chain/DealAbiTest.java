package io.pactum.cli.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.cli.client.DealCheckTest;
import io.pactum.protocol.crypto.Hex;
import io.pactum.protocol.deal.Deal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DealAbiTest {
    @Test
    void shouldRoundTripTheDealTuple() {
        Deal d = DealCheckTest.good();
        byte[] call = Hex.decode(DealAbi.call("acceptResult", d));
        Deal back = DealAbi.decodeSingle(Arrays.copyOfRange(call, 4, call.length));
        assertThat(back).isEqualTo(d);
        assertThat(back.id()).isEqualTo(d.id());
    }

    @Test
    void shouldUseTheCanonicalSelector() {
        // cast sig "acceptResult((address,address,bytes32,bytes32,bytes,uint64,uint256,uint256,uint256,uint256,uint256,uint256,address[],uint64,uint32,uint32,uint32))"
        assertThat(DealAbi.TUPLE).doesNotContain(" ");
        // forge's methodIdentifiers for DealManager
        assertThat(Hex.encode(DealAbi.selector("acceptResult"))).isEqualTo("0x74093e82");
        assertThat(Hex.encode(DealAbi.selector("currentDeadline"))).isEqualTo("0x9e836802");
        // 17 head words, then the 36-byte CID (length + 2 words) and one mediator (length + 1 word)
        byte[] tuple = DealAbi.encodeTuple(DealCheckTest.good());
        assertThat(tuple.length).isEqualTo(17 * 32 + 96 + 64);
    }

    @Test
    void shouldKnowTheDealPhases() {
        assertThat(DealPhase.of(4)).isEqualTo(DealPhase.RESULT_POSTED);
        assertThat(DealPhase.RESULT_POSTED.solidityName()).isEqualTo("ResultPosted");
        assertThat(DealPhase.ACCEPTED.terminal()).isTrue();
        assertThat(DealPhase.MEDIATION_REQUESTED.terminal()).isFalse();
    }
}
