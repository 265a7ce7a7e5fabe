package io.pactum.runtime.exec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class JobEngineTest {

    private static final Limits LIMITS = new Limits(5_000_000, 16, 1 << 20, 10_000);

    private final JobEngine engine = new JobEngine();

    private ExecutionResult run(String module, JobInput input, Limits limits) throws WallTimeExceededException {
        return engine.run(WatModules.wasm(module), input, limits);
    }

    @Test
    void shouldPrintHelloAndArguments() throws Exception {
        ExecutionResult result = run("hello", JobInput.ofArgs("pactum", "world"), LIMITS);

        assertThat(result.status()).isEqualTo(ExecutionStatus.OK);
        assertThat(result.exitCode()).isZero();
        assertThat(new String(result.stdout(), UTF_8)).isEqualTo("hello pactum world\n");
        assertThat(result.stderr()).isEmpty();
        assertThat(result.fuelUsed()).isPositive();
        assertThat(result.isSuccess()).isTrue();
    }

    @Test
    void shouldRunARealJobOverItsInputFile() throws Exception {
        JobInput input = JobInput.empty().withFile("x", "Hello, input file!\nsecond line\n".getBytes(UTF_8));

        ExecutionResult result = run("cat-input", input, LIMITS);

        assertThat(result.status()).isEqualTo(ExecutionStatus.OK);
        assertThat(new String(result.stdout(), UTF_8)).isEqualTo("HELLO, INPUT FILE!\nSECOND LINE\n");
    }

    @Test
    void shouldReadInputsLargerThanOneReadBuffer() throws Exception {
        byte[] big = new byte[200_000];
        Arrays.fill(big, (byte) 'q');
        ExecutionResult result = run("cat-input", JobInput.empty().withFile("x", big), new Limits(50_000_000, 16, 1 << 20, 30_000));

        assertThat(result.status()).isEqualTo(ExecutionStatus.OK);
        byte[] expected = new byte[big.length];
        Arrays.fill(expected, (byte) 'Q');
        assertThat(result.stdout()).isEqualTo(expected);
    }

    @Test
    void shouldExitWithOneWhenTheInputIsMissing() throws Exception {
        ExecutionResult result = run("cat-input", JobInput.empty().withFile("y", new byte[] {1}), LIMITS);

        assertThat(result.status()).isEqualTo(ExecutionStatus.OK);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(new String(result.stderr(), UTF_8)).isEqualTo("cannot open /input/x\n");
        assertThat(result.isSuccess()).isFalse();
    }

    @Test
    void shouldReportTheExitCodeOfProcExit() throws Exception {
        ExecutionResult result = run("exit3", JobInput.empty(), LIMITS);

        assertThat(result.status()).isEqualTo(ExecutionStatus.OK);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(new String(result.stderr(), UTF_8)).isEqualTo("bye\n");
    }

    @Test
    void shouldStopAnInfiniteLoopAtExactlyMaxFuel() throws Exception {
        ExecutionResult result = run("loop", JobInput.empty(), new Limits(1_000_003, 16, 1024, 10_000));

        assertThat(result.status()).isEqualTo(ExecutionStatus.OUT_OF_FUEL);
        assertThat(result.fuelUsed()).isEqualTo(1_000_003);
        assertThat(result.exitCode()).isEqualTo(ExecutionResult.NO_EXIT_CODE);
    }

    @Test
    void shouldStopAMemoryBombAtTheMemoryLimit() throws Exception {
        Limits limits = new Limits(1_000_000, 64, 1024, 10_000);

        ExecutionResult first = run("memory-bomb", JobInput.empty(), limits);
        ExecutionResult second = run("memory-bomb", JobInput.empty(), limits);

        assertThat(first.status()).isEqualTo(ExecutionStatus.MEMORY_LIMIT);
        assertThat(first.diagnostic()).contains("limit of 64");
        // loop entry, 3 iterations of 4 instructions (1 + 3 * 16 = 49 pages), then i32.const and the refused memory.grow (65 > 64)
        assertThat(first.fuelUsed()).isEqualTo(second.fuelUsed()).isEqualTo(1 + 3 * 4 + 2);
        assertThat(first).isEqualTo(second);
    }

    @Test
    void shouldRefuseAModuleWhoseInitialMemoryIsAboveTheLimit() throws Exception {
        byte[] wasm = WatModules.compile("(module (memory 100) (func (export \"_start\")))");

        ExecutionResult result = engine.run(wasm, JobInput.empty(), new Limits(1000, 99, 0, 10_000));

        assertThat(result.status()).isEqualTo(ExecutionStatus.MEMORY_LIMIT);
        assertThat(result.fuelUsed()).isZero();
    }

    @Test
    void shouldStopHugeOutputAtExactlyMaxOutputBytes() throws Exception {
        ExecutionResult result = run("huge-output", JobInput.empty(), new Limits(1_000_000, 16, 100_000, 10_000));

        assertThat(result.status()).isEqualTo(ExecutionStatus.OUTPUT_LIMIT);
        assertThat(result.stdout()).hasSize(100_000);
        assertThat(result.stdout()[99_999]).isEqualTo((byte) 'A');
    }

    @Test
    void shouldReportATrapAndKeepTheOutputBeforeIt() throws Exception {
        ExecutionResult result = run("trap", JobInput.empty(), LIMITS);

        assertThat(result.status()).isEqualTo(ExecutionStatus.TRAP);
        assertThat(result.diagnostic()).contains("unreachable");
        assertThat(new String(result.stdout(), UTF_8)).isEqualTo("before\n");
    }

    @Test
    void shouldTrapOnDeepRecursionAtTheSameDepthEveryTime() throws Exception {
        Limits limits = new Limits(10_000_000, 16, 1024, 30_000);

        ExecutionResult first = run("recursion", JobInput.empty(), limits);
        ExecutionResult second = run("recursion", JobInput.empty(), limits);

        assertThat(first.status()).isEqualTo(ExecutionStatus.TRAP);
        assertThat(first.diagnostic()).contains("call stack exhausted (depth " + FuelMeter.MAX_CALL_DEPTH + ")");
        assertThat(first).isEqualTo(second);
    }

    @Test
    void shouldReportInvalidModules() throws Exception {
        byte[] garbage = "definitely not wasm".getBytes(UTF_8);
        byte[] foreignImport = WatModules.compile(
                "(module (import \"env\" \"now\" (func (result i64))) (func (export \"_start\")))");
        byte[] noStart = WatModules.compile("(module (func (export \"main\")))");
        byte[] badWasiSignature = WatModules.compile(
                "(module (import \"wasi_snapshot_preview1\" \"fd_write\" (func (param i32))) (func (export \"_start\")))");

        for (byte[] wasm : List.of(garbage, foreignImport, noStart, badWasiSignature, new byte[0])) {
            ExecutionResult result = engine.run(wasm, JobInput.empty(), LIMITS);
            assertThat(result.status()).as(result.diagnostic()).isEqualTo(ExecutionStatus.INVALID_MODULE);
            assertThat(result.fuelUsed()).isZero();
        }
    }

    @Test
    void shouldOfferADeterministicReadOnlyWorld() throws Exception {
        JobInput input = new JobInput(List.of(), Map.of("ZED", "last", "ALPHA", "first"), Map.of("a", new byte[] {1}), 42);

        ExecutionResult first = run("environment", input, LIMITS);
        ExecutionResult second = run("environment", input, LIMITS);
        ExecutionResult otherSeed = run("environment", new JobInput(input.args(), input.env(), input.files(), 43), LIMITS);

        assertThat(first).isEqualTo(second);
        byte[] out = first.stdout();
        String env = "ALPHA=first\nZED=last\n";
        assertThat(new String(out, 0, env.length(), UTF_8)).isEqualTo(env);
        ByteBuffer rest = ByteBuffer.wrap(out, env.length(), out.length - env.length()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(rest.getLong()).as("realtime clock").isZero();
        byte[] random = new byte[16];
        rest.get(random);
        assertThat(random).isNotEqualTo(new byte[16]);
        assertThat(rest.get()).as("create under /input").isEqualTo((byte) DeterministicWasi.EROFS);
        assertThat(rest.get()).as("write to a directory").isEqualTo((byte) DeterministicWasi.EBADF);
        assertThat(rest.get()).as("sockets").isEqualTo((byte) DeterministicWasi.ENOSYS);
        assertThat(otherSeed.stdout()).isNotEqualTo(out);
    }

    @Test
    void shouldGiveByteIdenticalResultsAndFuelOnEveryRun() throws Exception {
        JobInput input = new JobInput(List.of("a", "b"), Map.of("K", "V"), Map.of("x", "some text".getBytes(UTF_8)), 7);
        Limits limits = new Limits(200_000, 32, 10_000, 10_000);
        for (String module : List.of("hello", "cat-input", "loop", "memory-bomb", "huge-output", "trap", "exit3")) {
            ExecutionResult first = run(module, input, limits);
            ExecutionResult second = run(module, input, limits);
            assertThat(second).as(module).isEqualTo(first);
            assertThat(second.fuelUsed()).as(module).isEqualTo(first.fuelUsed());
        }
    }

    @Test
    void shouldThrowWhenWallTimeIsExceededAndKeepServing() throws Exception {
        long started = System.nanoTime();

        assertThatThrownBy(() -> run("loop", JobInput.empty(), new Limits(Long.MAX_VALUE, 16, 1024, 200)))
                .isInstanceOf(WallTimeExceededException.class)
                .hasMessageContaining("200 ms");

        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
        assertThat(run("hello", JobInput.empty(), LIMITS).status()).isEqualTo(ExecutionStatus.OK);
    }

    @Test
    void shouldRunJobsConcurrentlyOnOneEngine() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ExecutionResult>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String text = "job number " + (i % 4);
                futures.add(pool.submit(() -> run("cat-input", JobInput.empty().withFile("x", text.getBytes(UTF_8)), LIMITS)));
            }
            for (int i = 0; i < futures.size(); i++) {
                ExecutionResult result = futures.get(i).get();
                assertThat(new String(result.stdout(), UTF_8)).isEqualTo("JOB NUMBER " + (i % 4));
                assertThat(result).isEqualTo(futures.get(i % 4).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldValidateLimitsAndInputs() {
        assertThatThrownBy(() -> new Limits(0, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Limits(1, 65_537, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobInput.empty().withFile("/abs", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobInput.empty().withFile("../up", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobInput.empty().withFile("d", new byte[0]).withFile("d/f", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobInput.empty().withEnv("A=B", "c")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldMapResultsOntoTheProtocolsOutcome() throws Exception {
        ExecutionResult result = run("exit3", JobInput.empty(), LIMITS);
        io.pactum.protocol.cid.Cid stdout = io.pactum.protocol.cid.Cid.rawOf(result.stdout());
        io.pactum.protocol.cid.Cid stderr = io.pactum.protocol.cid.Cid.rawOf(result.stderr());

        io.pactum.protocol.job.JobOutcome outcome = result.toOutcome(stdout, stderr);

        assertThat(outcome.status()).isEqualTo(io.pactum.protocol.job.JobOutcome.Status.OK);
        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.fuelUsed()).isEqualTo(result.fuelUsed());
        assertThat(outcome.stderrBytes()).isEqualTo(4);
        for (ExecutionStatus status : ExecutionStatus.values()) {
            assertThat(status.toOutcomeStatus().name()).isEqualTo(status.name());
        }
        assertThat(Limits.of(new io.pactum.protocol.job.JobSpec.Limits(10, 2, 3, 4))).isEqualTo(new Limits(10, 2, 3, 4));
    }
}
