package io.pactum.solver.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.deal.Deal;
import io.pactum.solver.keeper.Keeper.Action;
import io.pactum.solver.keeper.Keeper.DealState;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The keeper triggers exactly the timeout each expired phase calls for, once per key. */
class KeeperTest {
    final Map<Deal, DealState> states = new LinkedHashMap<>();
    final Map<String, Action> intents = new HashMap<>();
    final List<String> lookups = new ArrayList<>();
    final Keeper keeper = new Keeper(limit -> List.copyOf(states.keySet()), d -> {
        lookups.add(d.id().toHex());
        return states.get(d);
    }, new Keeper.Triggers() {
        @Override
        public boolean exists(String key) {
            return intents.containsKey(key);
        }

        @Override
        public void trigger(String key, Action action, Deal deal) {
            intents.put(key, action);
        }
    });

    static Deal deal(int n) {
        return new Deal(Address.parse("0x00000000000000000000000000000000000000c1"),
                Address.parse("0x00000000000000000000000000000000000000d1"), Bytes32.of(new byte[32]),
                Bytes32.fromHex("0x" + String.format("%064x", n)), Bytes.of(new byte[] {1, 85}), 1000, BigInteger.TEN,
                BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.TWO, BigInteger.ONE, List.of(), 2_000_000_000L, 60,
                60, 60);
    }

    @Test
    void shouldTriggerTheTimeoutOfEachExpiredPhaseOnce() throws Exception {
        Deal half = deal(1), agreed = deal(2), posted = deal(3), disputed = deal(4), verdict = deal(5), running = deal(6);
        states.put(half, new DealState("CLIENT_AGREED", true, 0, false));
        states.put(agreed, new DealState("AGREED", true, 0, false));
        states.put(posted, new DealState("RESULT_POSTED", true, 0, false));
        states.put(disputed, new DealState("MEDIATION_REQUESTED", true, 1, false));
        states.put(verdict, new DealState("MEDIATION_REQUESTED", true, 0, true));
        states.put(running, new DealState("AGREED", false, 0, false));

        assertThat(keeper.tick(100)).isEqualTo(5);
        assertThat(intents).containsEntry(Keeper.key(Action.EXPIRE_AGREEMENT, half.id().toHex(), 0), Action.EXPIRE_AGREEMENT)
                .containsEntry("keeper:timeout_result:" + agreed.id().toHex(), Action.TIMEOUT_RESULT)
                .containsEntry("keeper:finalize:" + posted.id().toHex(), Action.FINALIZE)
                .containsEntry("keeper:timeout_mediation:" + disputed.id().toHex() + ":1", Action.TIMEOUT_MEDIATION)
                .containsEntry("keeper:execute_verdict:" + verdict.id().toHex() + ":0", Action.EXECUTE_VERDICT)
                .hasSize(5);
        assertThat(keeper.tick(100)).as("same keys: nothing new").isZero();
    }

    @Test
    void shouldForgetEndedDeals() throws Exception {
        Deal done = deal(7);
        states.put(done, new DealState("MEDIATED_INCORRECT", false, 0, false));
        keeper.tick(100);
        keeper.tick(100);
        assertThat(lookups).hasSize(1);
        assertThat(intents).isEmpty();
    }

    @Test
    void shouldTriggerAnAppealRoundTimeoutUnderItsOwnKey() throws Exception {
        Deal d = deal(8);
        states.put(d, new DealState("MEDIATION_REQUESTED", true, 0, false));
        keeper.tick(100);
        states.put(d, new DealState("MEDIATION_REQUESTED", true, 1, false));
        keeper.tick(100);
        assertThat(intents).containsKeys("keeper:timeout_mediation:" + d.id().toHex() + ":0",
                "keeper:timeout_mediation:" + d.id().toHex() + ":1");
    }
}
