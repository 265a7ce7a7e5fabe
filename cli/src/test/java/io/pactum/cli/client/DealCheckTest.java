package io.pactum.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.pactum.protocol.crypto.Address;
import io.pactum.protocol.crypto.Bytes;
import io.pactum.protocol.crypto.Bytes32;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.deal.JobOffer;
import java.math.BigInteger;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

public class DealCheckTest {
    static final long NOW = 1_700_000_000L;
    static final Address CLIENT = Address.parse("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    static final Address NODE = Address.parse("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    static final Address M1 = Address.parse("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
    static final Address M2 = Address.parse("0x90f79bf6eb2c4f870365e785982e1f101e93b906");
    static final Address OTHER = Address.parse("0x15d34aaf54267db7d7c367839aaf71a00a2c6a65");
    static final Bytes SPEC = Bytes.fromHex("0x01551220" + "ab".repeat(32));

    static final JobOffer OFFER = new JobOffer(CLIENT, SPEC, 1000, 256, 1_000_000, bi(100), bi(10), bi(5),
            List.of(M1, M2), 300, 300, 600, BigInteger.ONE, NOW + 600);

    static BigInteger bi(long v) {
        return BigInteger.valueOf(v);
    }

    public static Deal good() {
        return new Deal(CLIENT, NODE, OFFER.id(), Bytes32.keccak(new byte[] {1}), SPEC, 1_000_000, bi(80), BigInteger.ZERO,
                bi(10), bi(20), bi(160), bi(5), List.of(M1), NOW + 60, 300, 300, 600);
    }

    /** A copy of the good deal with one field changed (by index in the record). */
    static Deal with(UnaryOperator<Object[]> change) {
        Deal d = good();
        Object[] f = {d.client(), d.node(), d.jobOfferId(), d.resourceOfferId(), d.jobSpecCid(), d.maxFuel(), d.price(),
                d.pricePerFuel(), d.clientCollateral(), d.nodeCollateral(), d.cheatingCollateral(), d.mediationFee(),
                d.mediators(), d.agreeDeadline(), d.resultTimeout(), d.judgeTimeout(), d.mediationTimeout()};
        f = change.apply(f);
        @SuppressWarnings("unchecked")
        List<Address> mediators = (List<Address>) f[12];
        return new Deal((Address) f[0], (Address) f[1], (Bytes32) f[2], (Bytes32) f[3], (Bytes) f[4], (long) f[5],
                (BigInteger) f[6], (BigInteger) f[7], (BigInteger) f[8], (BigInteger) f[9], (BigInteger) f[10],
                (BigInteger) f[11], mediators, (long) f[13], (long) f[14], (long) f[15], (long) f[16]);
    }

    static UnaryOperator<Object[]> set(int i, Object v) {
        return f -> {
            f[i] = v;
            return f;
        };
    }

    @Test
    void shouldAcceptADealWithinTheOffer() {
        assertThat(DealCheck.problems(OFFER, good(), NOW)).isEmpty();
        assertThat(DealCheck.problems(OFFER, with(set(6, bi(100))), NOW)).as("price == maxPrice").isEmpty();
        assertThat(DealCheck.problems(OFFER, with(set(12, List.of())), NOW)).as("no mediators").isEmpty();
    }

    static Stream<Arguments> mismatches() {
        return Stream.of(
                Arguments.of("client", set(0, OTHER), "client"),
                Arguments.of("node is the client", set(1, CLIENT), "counterparty"),
                Arguments.of("node is zero", set(1, Address.ZERO), "counterparty"),
                Arguments.of("other offer", set(2, Bytes32.keccak(new byte[] {9})), "jobOfferId"),
                Arguments.of("spec", set(4, Bytes.fromHex("0x01551220" + "cd".repeat(32))), "spec CID"),
                Arguments.of("fuel", set(5, 999_999L), "maxFuel"),
                Arguments.of("price", set(6, bi(101)), "maxPrice"),
                Arguments.of("client collateral", set(8, bi(11)), "client collateral"),
                Arguments.of("mediation fee", set(11, bi(6)), "mediation fee"),
                Arguments.of("mediators", set(12, List.of(M1, OTHER)), "mediators"),
                Arguments.of("agree deadline", set(13, NOW), "agree deadline"),
                Arguments.of("result timeout", set(14, 301L), "result timeout"),
                Arguments.of("judge timeout", set(15, 299L), "judge timeout"),
                Arguments.of("mediation timeout", set(16, 1L), "mediation timeout"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mismatches")
    void shouldRejectEachMismatch(String name, UnaryOperator<Object[]> change, String expected) {
        List<String> problems = DealCheck.problems(OFFER, with(change), NOW);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).contains(expected);
    }
}
