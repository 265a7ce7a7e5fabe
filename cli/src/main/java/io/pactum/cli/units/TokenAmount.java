package io.pactum.cli.units;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Token amounts as users type them: a decimal number of whole tokens with up to 18 decimals
 * ({@code "1.5"} = 1.5 × 10^18 base units), or base units with a {@code wei} suffix
 * ({@code "1500wei"}, {@code "1500 wei"}). Amounts are non-negative and fit a {@code uint256}.
 */
public final class TokenAmount {
    public static final int DECIMALS = 18;
    public static final BigInteger ONE_TOKEN = BigInteger.TEN.pow(DECIMALS);
    public static final BigInteger MAX_UINT256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?|\\.[0-9]+");
    private static final Pattern WEI = Pattern.compile("([0-9]+)\\s*wei");

    private TokenAmount() {}

    /**
     * Parses an amount in base units.
     *
     * @throws IllegalArgumentException with a message naming the problem
     */
    public static BigInteger parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("amount is empty");
        }
        String t = text.trim().replace("_", "");
        var wei = WEI.matcher(t.toLowerCase());
        BigInteger value;
        if (wei.matches()) {
            value = new BigInteger(wei.group(1));
        } else if (DECIMAL.matcher(t).matches()) {
            BigDecimal d = new BigDecimal(t);
            if (d.scale() > DECIMALS && d.stripTrailingZeros().scale() > DECIMALS) {
                throw new IllegalArgumentException(
                        "amount '" + text + "' has more than " + DECIMALS + " decimals (use the 'wei' suffix for base units)");
            }
            value = d.movePointRight(DECIMALS).toBigIntegerExact();
        } else {
            throw new IllegalArgumentException(
                    "invalid amount '" + text + "': expected tokens like 1.5 or base units like 1500wei");
        }
        if (value.compareTo(MAX_UINT256) > 0) {
            throw new IllegalArgumentException("amount '" + text + "' does not fit in uint256");
        }
        return value;
    }

    /** Whole tokens with only the decimals needed: 1500000000000000000 → "1.5", 0 → "0". */
    public static String format(BigInteger baseUnits) {
        BigDecimal d = new BigDecimal(baseUnits).movePointLeft(DECIMALS).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }
}
