package io.pactum.cli.client;

import io.pactum.protocol.crypto.Address;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the client asks for.
 *
 * @param module the WASM module
 * @param inputs input files (seen by the job under their file names)
 * @param args arguments passed to the module
 * @param maxFuel fuel limit (WASM instructions)
 * @param maxPrice the most the client pays
 * @param collateral client timeout collateral
 * @param mediationFee fee paid on a dispute
 * @param mediators acceptable mediators (empty: the client judges alone)
 * @param resultTimeout seconds from agreement to result
 * @param judgeTimeout seconds from result to acceptance
 * @param mediationTimeout seconds from dispute to verdict
 * @param cpuMillis requested CPU (thousandths of a core)
 * @param memoryMiB requested memory
 * @param offerTtl how long the offer stays valid in the order book
 * @param matchTimeout how long to wait for the solver's proposal
 * @param accept accept the result when it verifies
 */
public record JobRequest(
        Path module,
        List<Path> inputs,
        List<String> args,
        long maxFuel,
        BigInteger maxPrice,
        BigInteger collateral,
        BigInteger mediationFee,
        List<Address> mediators,
        long resultTimeout,
        long judgeTimeout,
        long mediationTimeout,
        long cpuMillis,
        long memoryMiB,
        Duration offerTtl,
        Duration matchTimeout,
        boolean accept) {

    public JobRequest {
        inputs = List.copyOf(inputs);
        args = List.copyOf(args);
        mediators = mediators.stream().distinct().sorted().toList();
    }

    /** The same request naming {@code others} as its acceptable mediators. */
    public JobRequest withMediators(List<Address> others) {
        return new JobRequest(module, inputs, args, maxFuel, maxPrice, collateral, mediationFee, others, resultTimeout,
                judgeTimeout, mediationTimeout, cpuMillis, memoryMiB, offerTtl, matchTimeout, accept);
    }
}
