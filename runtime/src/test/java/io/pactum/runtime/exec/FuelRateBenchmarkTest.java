package io.pactum.runtime.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Measures how fast fuel burns: instructions per second of the metered interpreter on a CPU-bound loop.
 * Prints the figure; asserts only a floor far below it, so that a loaded machine does not fail the build.
 */
class FuelRateBenchmarkTest {

    private static final long FUEL = 30_000_000;

    @Test
    void shouldMeasureInstructionsPerSecond() throws Exception {
        JobEngine engine = new JobEngine();
        byte[] loop = WatModules.wasm("loop");
        engine.run(loop, JobInput.empty(), new Limits(5_000_000, 1, 0, 60_000)); // warm up the JIT

        long best = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            long start = System.nanoTime();
            ExecutionResult result = engine.run(loop, JobInput.empty(), new Limits(FUEL, 1, 0, 60_000));
            best = Math.min(best, System.nanoTime() - start);
            assertThat(result.status()).isEqualTo(ExecutionStatus.OUT_OF_FUEL);
            assertThat(result.fuelUsed()).isEqualTo(FUEL);
        }
        double perSecond = FUEL / (best / 1e9);
        System.out.printf("[fuel-rate] metered interpreter: %,.0f instructions/s (%,d instructions in %d ms)%n",
                perSecond, FUEL, best / 1_000_000);
        assertThat(perSecond).isGreaterThan(1_000_000);
    }
}
