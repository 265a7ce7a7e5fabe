package io.pactum.runtime.exec;

/**
 * Thrown from inside the interpreter (fuel meter, WASI host functions) to end a run with a deterministic
 * status. Unchecked and without a stack trace: it is control flow, not an error.
 */
final class JobStop extends RuntimeException {

    private final ExecutionStatus status;
    private final int exitCode;

    private JobStop(ExecutionStatus status, int exitCode, String message) {
        super(message, null, false, false);
        this.status = status;
        this.exitCode = exitCode;
    }

    static JobStop outOfFuel(long maxFuel) {
        return new JobStop(ExecutionStatus.OUT_OF_FUEL, 0, "fuel exhausted after " + maxFuel + " instructions");
    }

    static JobStop memoryLimit(String what) {
        return new JobStop(ExecutionStatus.MEMORY_LIMIT, 0, what);
    }

    static JobStop outputLimit(long maxOutputBytes) {
        return new JobStop(ExecutionStatus.OUTPUT_LIMIT, 0, "stdout exceeded " + maxOutputBytes + " bytes");
    }

    static JobStop trap(String message) {
        return new JobStop(ExecutionStatus.TRAP, 0, message);
    }

    static JobStop exit(int exitCode) {
        return new JobStop(ExecutionStatus.OK, exitCode, "proc_exit(" + exitCode + ")");
    }

    ExecutionStatus status() {
        return status;
    }

    int exitCode() {
        return exitCode;
    }
}
