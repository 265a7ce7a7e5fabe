package io.pactum.cli.commands;

import io.pactum.cli.Backends;
import io.pactum.cli.config.CliConfig;
import io.pactum.cli.config.ConfigLoader;
import io.pactum.cli.output.Output;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code pactum}: the root command and the options every subcommand inherits. */
@Command(
        name = "pactum",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        version = "pactum 0.1.0",
        description = "Pactum job client: run WASM jobs as verifiable compute deals, inspect deals, manage funds, use the DID, soul and CID registries.",
        subcommands = {JobCommand.class, DealCommand.class, BalanceCommand.class, DepositCommand.class,
                WithdrawCommand.class, MediatorCommand.class, DidCommand.class, SoulCommand.class, CidCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 protocol or remote failure, 2 usage or validation error.", "",
                "Configuration: --config, else PACTUM_CONFIG, else .pactum/devnet/cli.json here or in a parent",
                "directory; PACTUM_* variables and flags override the file.",
                "Keys: --keystore <file> (encrypted JSON keystore; password from PACTUM_KEYSTORE_PASSWORD or a",
                "prompt) for real funds; a plain \"key\" / PACTUM_KEY is for development profiles only."})
public final class PactumCommand {
    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "<file>", description = "Profile file (JSON).")
    Path config;

    @Option(names = "--rpc-url", scope = ScopeType.INHERIT, paramLabel = "<url>[,<url>...]",
            description = "Chain JSON-RPC URL; several, comma-separated, are used in that order with failover.")
    String rpcUrl;

    @Option(names = "--solver-url", scope = ScopeType.INHERIT, paramLabel = "<url>", description = "Solver REST URL.")
    String solverUrl;

    @Option(names = "--ipfs-url", scope = ScopeType.INHERIT, paramLabel = "<url>",
            description = "Compute node's Kubo-compatible API URL.")
    String ipfsUrl;

    @Option(names = "--keystore", scope = ScopeType.INHERIT, paramLabel = "<file>",
            description = "Encrypted JSON keystore holding the client key.")
    Path keystore;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print one JSON document (for scripts).")
    boolean json;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Show stack traces on errors.")
    boolean verbose;

    private final ConfigLoader loader;
    private final Backends backends;
    private final PrintWriter out;
    private final PrintWriter err;
    private CliConfig resolved;

    public PactumCommand(ConfigLoader loader, Backends backends, PrintWriter out, PrintWriter err) {
        this.loader = loader;
        this.backends = backends;
        this.out = out;
        this.err = err;
    }

    /** The configuration, resolved on first use (so --help works without a profile). */
    public CliConfig config() {
        if (resolved == null) {
            resolved = loader.load(new ConfigLoader.Overrides(config, rpcUrl, solverUrl, ipfsUrl, keystore));
        }
        return resolved;
    }

    public Backends backends() {
        return backends;
    }

    public Output output() {
        return new Output(out, err, json);
    }

    public boolean verbose() {
        return verbose;
    }

    public boolean json() {
        return json;
    }
}
