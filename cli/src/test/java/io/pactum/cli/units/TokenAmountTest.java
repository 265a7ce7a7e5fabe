package io.pactum.cli.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenAmountTest {
    @Test
    void shouldParseDecimalTokensAndWei() {
        assertThat(TokenAmount.parse("1.5")).isEqualTo(new BigInteger("1500000000000000000"));
        assertThat(TokenAmount.parse("2")).isEqualTo(new BigInteger("2000000000000000000"));
        assertThat(TokenAmount.parse(".5")).isEqualTo(new BigInteger("500000000000000000"));
        assertThat(TokenAmount.parse("0.000000000000000001")).isEqualTo(BigInteger.ONE);
        assertThat(TokenAmount.parse("1500wei")).isEqualTo(BigInteger.valueOf(1500));
        assertThat(TokenAmount.parse("1500 WEI")).isEqualTo(BigInteger.valueOf(1500));
        assertThat(TokenAmount.parse("1_000")).isEqualTo(new BigInteger("1000000000000000000000"));
        assertThat(TokenAmount.parse("0")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-1", "1e18", "abc", "1.5.5", "0x10", "1.0000000000000000001", "1.5wei", "wei",
            "115792089237316195423570985008687907853269984665640564039457584007913129639936wei"})
    void shouldRejectBadAmounts(String text) {
        assertThatThrownBy(() -> TokenAmount.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldFormatWithOnlyNeededDecimals() {
        assertThat(TokenAmount.format(new BigInteger("1500000000000000000"))).isEqualTo("1.5");
        assertThat(TokenAmount.format(BigInteger.ZERO)).isEqualTo("0");
        assertThat(TokenAmount.format(BigInteger.ONE)).isEqualTo("0.000000000000000001");
        assertThat(TokenAmount.format(new BigInteger("3000000000000000000"))).isEqualTo("3");
    }
}
