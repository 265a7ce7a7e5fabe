package io.pactum.cli.commands;

import io.pactum.cli.CliException;
import io.pactum.cli.output.Output;
import io.pactum.cli.units.TokenAmount;
import io.pactum.protocol.crypto.Address;
import java.math.BigInteger;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Common plumbing of the leaf commands: the root's configuration, backends and output. */
abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    PactumCommand root() {
        return (PactumCommand) spec.root().userObject();
    }

    Output output() {
        return root().output();
    }

    @Override
    public final Integer call() throws Exception {
        return run(output());
    }

    abstract int run(Output out) throws Exception;

    /** Picocli converter for token amounts ("1.5", "1500wei"). */
    public static final class AmountConverter implements CommandLine.ITypeConverter<BigInteger> {
        @Override
        public BigInteger convert(String value) {
            try {
                return TokenAmount.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Picocli converter for addresses (0x + 40 hex digits, EIP-55 checked when mixed case). */
    public static final class AddressConverter implements CommandLine.ITypeConverter<Address> {
        @Override
        public Address convert(String value) {
            try {
                return Address.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static BigInteger positive(BigInteger amount, String name) {
        if (amount.signum() <= 0) {
            throw CliException.usage(name + " must be greater than zero");
        }
        return amount;
    }

    static String tokens(BigInteger amount) {
        return TokenAmount.format(amount);
    }
}
