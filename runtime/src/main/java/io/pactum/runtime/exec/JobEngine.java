package io.pactum.runtime.exec;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.MalformedException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.UnlinkableException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs WASI command modules deterministically: Chicory's interpreter, every instruction counted as one
 * unit of fuel, memory capped, output bounded, and a WASI whose answers depend only on the
 * {@link JobInput} (see {@link DeterministicWasi}).
 *
 * <p>Thread-safe and stateless: each {@link #run} parses the module and gets its own instance, its own
 * worker thread and its own buffers, so one engine may serve concurrent jobs. Callers bound concurrency
 * (one run uses one core).
 *
 * <p>The interpreter, not Chicory's compiler, because only the interpreter reports each instruction; it
 * runs about 50 M instructions/s (toolchain.md), which is what a fuel unit costs in wall time.
 */
public final class JobEngine {

    /** Bytes of stderr kept; more is dropped without failing the job. */
    public static final int STDERR_LIMIT = 64 * 1024;
    /** The WASI command entry point. */
    public static final String ENTRY_POINT = "_start";

    /**
     * Java stack of a worker thread. The interpreter recurses in Java for each WASM call; this leaves a
     * wide margin over {@link FuelMeter#MAX_CALL_DEPTH} so that a deep recursion always ends with the same
     * deterministic trap instead of a machine-dependent StackOverflowError. Reserved, not committed.
     */
    static final long WORKER_STACK_BYTES = 512L * 1024 * 1024;
    private static final long STOP_GRACE_MILLIS = 2_000;
    private static final System.Logger LOG = System.getLogger(JobEngine.class.getName());

    private final AtomicLong runs = new AtomicLong();

    /**
     * Runs {@code _start} of a WASI module.
     *
     * @param wasm the module's bytes (binary format)
     * @param input arguments, environment and files under {@code /input}
     * @param limits fuel, memory, output and wall-time bounds
     * @return the deterministic result, whatever the job did (a trap or a limit is a status, not an exception)
     * @throws WallTimeExceededException when the job ran longer than {@link Limits#wallTimeMillis()}:
     *     not an outcome, the node decides what to do
     * @throws CancellationException when the calling thread is interrupted while waiting (the run is stopped)
     */
    public ExecutionResult run(byte[] wasm, JobInput input, Limits limits) throws WallTimeExceededException {
        Objects.requireNonNull(wasm, "wasm");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(limits, "limits");
        Run run = new Run(wasm.clone(), input, limits);
        FutureTask<ExecutionResult> task = new FutureTask<>(run::execute);
        Thread worker = new Thread(null, task, "pactum-job-" + runs.incrementAndGet(), WORKER_STACK_BYTES);
        worker.setDaemon(true);
        worker.start();
        try {
            return task.get(limits.wallTimeMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stop(run, worker);
            throw new WallTimeExceededException(limits.wallTimeMillis(), run.meter.fuelUsed());
        } catch (InterruptedException e) {
            stop(run, worker);
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while running a job");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error error) {
                throw error; // OutOfMemoryError and the like: the node's problem, never an outcome
            }
            throw new IllegalStateException("job engine failed: " + cause, cause);
        }
    }

    private static void stop(Run run, Thread worker) {
        run.meter.requestStop();
        worker.interrupt();
        try {
            worker.join(STOP_GRACE_MILLIS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            LOG.log(System.Logger.Level.WARNING, "job thread {0} did not stop within {1} ms", worker.getName(),
                    STOP_GRACE_MILLIS);
        }
    }

    /** One run: everything it touches is its own. */
    private static final class Run {
        final byte[] wasm;
        final JobInput input;
        final Limits limits;
        final FuelMeter meter;
        final BoundedOutput stdout;
        final BoundedOutput stderr = new BoundedOutput(STDERR_LIMIT, false);

        Run(byte[] wasm, JobInput input, Limits limits) {
            this.wasm = wasm;
            this.input = input;
            this.limits = limits;
            this.meter = new FuelMeter(limits.maxFuel(), limits.maxMemoryPages());
            this.stdout = new BoundedOutput(limits.maxOutputBytes(), true);
        }

        ExecutionResult execute() {
            WasmModule module;
            try {
                module = Parser.parse(wasm);
                checkEntryPoint(module);
            } catch (RuntimeException e) {
                return result(ExecutionStatus.INVALID_MODULE, "invalid module: " + message(e));
            }
            ImportValues imports;
            try {
                DeterministicWasi wasi = new DeterministicWasi(input, stdout, stderr);
                imports = ImportValues.builder().withFunctions(List.copyOf(wasi.hostFunctionsFor(module))).build();
            } catch (IllegalArgumentException e) {
                return result(ExecutionStatus.INVALID_MODULE, "invalid module: " + e.getMessage());
            }
            try {
                Instance instance = Instance.builder(module)
                        .withImportValues(imports)
                        .withMemoryFactory(this::memory)
                        .withMachineFactory(meter::machineFor)
                        .withStart(false) // Chicory would call _start itself; we call it below
                        .withUnsafeExecutionListener(meter)
                        .build();
                ExportFunction start = instance.export(ENTRY_POINT);
                start.apply();
                return new ExecutionResult(ExecutionStatus.OK, 0, meter.fuelUsed(), stdout.toByteArray(),
                        stderr.toByteArray(), "");
            } catch (RuntimeException | StackOverflowError e) {
                return failure(e);
            }
        }

        private Memory memory(MemoryLimits declared) {
            if (declared.initialPages() > limits.maxMemoryPages()) {
                throw JobStop.memoryLimit("module declares " + declared.initialPages() + " initial pages, limit is "
                        + limits.maxMemoryPages());
            }
            int max = Math.min(declared.maximumPages(), limits.maxMemoryPages());
            return new ByteArrayMemory(new MemoryLimits(declared.initialPages(), max, declared.shared()));
        }

        private static void checkEntryPoint(WasmModule module) {
            var exports = module.exportSection();
            for (int i = 0; i < exports.exportCount(); i++) {
                Export export = exports.getExport(i);
                if (export.name().equals(ENTRY_POINT)) {
                    if (export.exportType() != ExternalType.FUNCTION) {
                        throw new InvalidException(ENTRY_POINT + " is not a function");
                    }
                    int imported = module.importSection().count(ExternalType.FUNCTION);
                    int typeIndex = module.functionSection().getFunctionType(export.index() - imported);
                    FunctionType type = module.typeSection().getType(typeIndex);
                    if (!type.params().isEmpty() || !type.returns().isEmpty()) {
                        throw new InvalidException(ENTRY_POINT + " must take and return nothing, has type " + type);
                    }
                    return;
                }
            }
            throw new InvalidException("no " + ENTRY_POINT + " export (not a WASI command)");
        }

        private ExecutionResult failure(Throwable e) {
            JobStop stop = find(e, JobStop.class);
            if (stop != null) {
                int exit = stop.status() == ExecutionStatus.OK ? stop.exitCode() : ExecutionResult.NO_EXIT_CODE;
                String diagnostic = stop.status() == ExecutionStatus.OK ? "" : stop.getMessage();
                return new ExecutionResult(stop.status(), exit, meter.fuelUsed(), stdout.toByteArray(), stderr.toByteArray(),
                        diagnostic);
            }
            if (find(e, ChicoryInterruptedException.class) != null && meter.stopRequested()) {
                // the caller already gave up on this run and throws WallTimeExceededException
                return result(ExecutionStatus.TRAP, "stopped: wall time");
            }
            if (e instanceof UnlinkableException || e instanceof MalformedException || e instanceof InvalidException) {
                return result(ExecutionStatus.INVALID_MODULE, "invalid module: " + message(e));
            }
            if (e instanceof StackOverflowError || find(e, StackOverflowError.class) != null) {
                // should not happen below MAX_CALL_DEPTH; report it as the same trap as the depth limit
                return result(ExecutionStatus.TRAP, "call stack exhausted");
            }
            if (e instanceof ChicoryException) {
                return result(ExecutionStatus.TRAP, "trap: " + message(e));
            }
            // Chicory reports some traps as plain JVM exceptions (e.g. ArithmeticException): still deterministic
            return result(ExecutionStatus.TRAP, "trap: " + e.getClass().getSimpleName() + ": " + message(e));
        }

        private ExecutionResult result(ExecutionStatus status, String diagnostic) {
            return new ExecutionResult(status, ExecutionResult.NO_EXIT_CODE, meter.fuelUsed(), stdout.toByteArray(),
                    stderr.toByteArray(), diagnostic);
        }

        private static String message(Throwable e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }

        private static <T extends Throwable> T find(Throwable e, Class<T> type) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (type.isInstance(t)) {
                    return type.cast(t);
                }
                if (t.getCause() == t) {
                    break;
                }
            }
            return null;
        }
    }
}
