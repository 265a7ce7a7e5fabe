package io.pactum.cli;

import io.pactum.cli.commands.PactumCommand;
import io.pactum.cli.config.ConfigLoader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** {@code pactum}: the entry point of the executable jar. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err, ConfigLoader.system(), Backends.live()));
    }

    /**
     * Runs one command line and returns its exit code: 0 ok, 1 protocol or remote failure, 2 usage
     * or validation error. Errors are one line on {@code err}; a stack trace only with {@code
     * --verbose}.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, ConfigLoader loader, Backends backends) {
        PactumCommand root = new PactumCommand(loader, backends, out, err);
        CommandLine cl = new CommandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage());
            CommandLine cmd = ex.getCommandLine();
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return CliException.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            int code = ex instanceof CliException c ? c.exitCode() : CliException.FAILURE;
            String message = ex instanceof CliException ? ex.getMessage() : describe(ex);
            err.println("error: " + message);
            if (root.verbose()) {
                ex.printStackTrace(err);
            }
            err.flush();
            return code;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** One line for an unexpected exception: its class and message (cause's when it has none). */
    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst().orElse("");
        return t.getClass().getSimpleName() + m + " (run with --verbose for details)";
    }
}
