package io.pactum.cli;

/**
 * A failure the command line reports as one clear line and an exit code: {@link #USAGE} (2) for
 * bad input the user can fix by changing the command (unknown file, bad amount, non-WASM module,
 * bad configuration), {@link #FAILURE} (1) for a protocol or remote failure (revert, solver
 * error, node unreachable, timeout).
 */
public class CliException extends RuntimeException {
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Bad input: exit code 2. */
    public static CliException usage(String message) {
        return new CliException(USAGE, message);
    }

    /** A protocol or remote failure: exit code 1. */
    public static CliException failure(String message) {
        return new CliException(FAILURE, message);
    }

    public static CliException failure(String message, Throwable cause) {
        return new CliException(FAILURE, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
