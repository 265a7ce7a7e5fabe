package io.pactum.cli.commands;

import io.pactum.cli.CliException;
import io.pactum.cli.client.JobClient;
import io.pactum.cli.config.CliConfig;
import io.pactum.cli.client.JobListener;
import io.pactum.cli.client.JobPhase;
import io.pactum.cli.client.JobRequest;
import io.pactum.cli.client.JobResult;
import io.pactum.cli.files.JobFiles;
import io.pactum.cli.output.Output;
import io.pactum.protocol.crypto.Address;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pactum job run}: the whole client side of a compute deal. */
@Command(name = "run", description = {
        "Upload a WASM module and its inputs, post a signed job offer, sign the matched deal, follow it on chain,",
        "fetch and verify the output and accept the result.",
        "Exit code 1 also when the job itself failed (trap, out of fuel): its outcome is printed."})
final class JobRunCommand extends BaseCommand {
    static final long MAX_UINT32 = 0xFFFF_FFFFL;
    static final int MAX_MEDIATORS = 7;

    @Parameters(index = "0", paramLabel = "<module.wasm>", description = "The WASM (WASI) module to run.")
    Path module;

    @Option(names = "--input", arity = "1..*", paramLabel = "<file>", description = "Input files (seen by name).")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--arg", paramLabel = "<arg>", description = "An argument for the module (repeatable).")
    List<String> args = new ArrayList<>();

    @Option(names = "--max-fuel", paramLabel = "<N>", defaultValue = "1000000000", description = "Fuel limit (default ${DEFAULT-VALUE}).")
    long maxFuel;

    @Option(names = "--max-price", paramLabel = "<amount>", defaultValue = "1", converter = AmountConverter.class,
            description = "The most you pay (default ${DEFAULT-VALUE} token).")
    BigInteger maxPrice;

    @Option(names = "--collateral", paramLabel = "<amount>", defaultValue = "0.1", converter = AmountConverter.class,
            description = "Client timeout collateral (default ${DEFAULT-VALUE}).")
    BigInteger collateral;

    @Option(names = "--mediation-fee", paramLabel = "<amount>", defaultValue = "0", converter = AmountConverter.class,
            description = "Fee you pay if you dispute (default ${DEFAULT-VALUE}).")
    BigInteger mediationFee;

    @Option(names = "--mediator", paramLabel = "<address>", converter = AddressConverter.class,
            description = "An acceptable mediator (repeatable; default: the profile's \"mediators\", else none and you judge alone).")
    List<Address> mediators = new ArrayList<>();

    @Option(names = "--timeout-result", paramLabel = "<s>", defaultValue = "300", description = "Seconds from agreement to result (default ${DEFAULT-VALUE}).")
    long resultTimeout;

    @Option(names = "--timeout-judge", paramLabel = "<s>", defaultValue = "300", description = "Seconds to accept or dispute (default ${DEFAULT-VALUE}).")
    long judgeTimeout;

    @Option(names = "--timeout-mediation", paramLabel = "<s>", defaultValue = "600", description = "Seconds for mediation (default ${DEFAULT-VALUE}).")
    long mediationTimeout;

    @Option(names = "--cpu-millis", paramLabel = "<n>", defaultValue = "1000", description = "CPU, thousandths of a core (default ${DEFAULT-VALUE}).")
    long cpuMillis;

    @Option(names = "--memory-mib", paramLabel = "<n>", defaultValue = "256", description = "Memory in MiB (default ${DEFAULT-VALUE}).")
    long memoryMiB;

    @Option(names = "--offer-ttl", paramLabel = "<s>", defaultValue = "600", description = "Offer validity (default ${DEFAULT-VALUE}).")
    long offerTtl;

    @Option(names = "--match-timeout", paramLabel = "<s>", defaultValue = "120", description = "How long to wait for a match (default ${DEFAULT-VALUE}).")
    long matchTimeout;

    @Option(names = "--no-accept", description = "Verify and print the result but do not accept it.")
    boolean noAccept;

    /** Checks every option before anything is uploaded, signed or sent. */
    JobRequest request() {
        JobFiles.validate(module, inputs);
        if (maxFuel <= 0) {
            throw CliException.usage("--max-fuel must be positive");
        }
        positive(maxPrice, "--max-price");
        timeout("--timeout-result", resultTimeout);
        timeout("--timeout-judge", judgeTimeout);
        timeout("--timeout-mediation", mediationTimeout);
        if (cpuMillis <= 0 || cpuMillis > MAX_UINT32 || memoryMiB <= 0 || memoryMiB > MAX_UINT32) {
            throw CliException.usage("--cpu-millis and --memory-mib must be positive 32-bit numbers");
        }
        if (offerTtl < 30 || matchTimeout <= 0) {
            throw CliException.usage("--offer-ttl must be at least 30 s and --match-timeout positive");
        }
        if (mediators.size() > MAX_MEDIATORS) {
            throw CliException.usage("at most " + MAX_MEDIATORS + " mediators, got " + mediators.size());
        }
        if (mediators.contains(Address.ZERO)) {
            throw CliException.usage("--mediator must not be the zero address");
        }
        return new JobRequest(module, inputs, args, maxFuel, maxPrice, collateral, mediationFee, mediators, resultTimeout,
                judgeTimeout, mediationTimeout, cpuMillis, memoryMiB, Duration.ofSeconds(offerTtl),
                Duration.ofSeconds(matchTimeout), !noAccept);
    }

    private static void timeout(String name, long seconds) {
        if (seconds <= 0 || seconds > MAX_UINT32) {
            throw CliException.usage(name + " must be between 1 and " + MAX_UINT32 + " seconds, got " + seconds);
        }
    }

    @Override
    int run(Output out) {
        JobRequest req = request();
        CliConfig config = root().config();
        if (req.mediators().isEmpty()) {
            req = req.withMediators(config.mediators()); // the profile's default mediators
        }
        try (JobClient client = root().backends().jobClient(config)) {
            AtomicBoolean done = new AtomicBoolean();
            Thread hook = new Thread(() -> {
                if (!done.get()) {
                    JobClient.State s = client.state();
                    out.err().println("interrupted after " + (s.lastPhase() == null ? "start" : s.lastPhase())
                            + (s.jobOfferId() != null ? "; offer " + s.jobOfferId() : "")
                            + (s.dealId() != null ? "; deal " + s.dealId() + " (follow it: pactum deal show " + s.dealId() + ")"
                                    : ""));
                    out.err().flush();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            JobResult r;
            try {
                r = client.run(req, new JobListener() {
                    @Override
                    public void onPhase(JobPhase phase, String line, Map<String, Object> details) {
                        out.progress(line);
                    }

                    @Override
                    public void onNote(String line) {
                        out.progress("  " + line);
                    }
                });
            } catch (CliException e) {
                JobClient.State s = client.state();
                String where = s.dealId() != null ? " [deal " + s.dealId() + "]"
                        : s.jobOfferId() != null ? " [offer " + s.jobOfferId() + "]" : "";
                throw new CliException(e.exitCode(), e.getMessage() + (e.getMessage().contains(where.trim()) ? "" : where), e);
            } finally {
                done.set(true);
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook reports
                }
            }
            if (!out.json()) {
                out.line("--- output (" + r.outcome().status() + ") ---");
                out.raw(new String(r.stdout(), StandardCharsets.UTF_8));
            }
            out.result(json(r));
            return r.outcome().success() ? 0 : CliException.FAILURE;
        }
    }

    static Map<String, Object> json(JobResult r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("jobOfferId", r.jobOfferId().toHex());
        doc.put("dealId", r.dealId().toHex());
        doc.put("node", r.deal().node().toString());
        doc.put("price", r.deal().price().toString());
        doc.put("agreeTx", r.agreeTx());
        doc.put("agreeBlock", r.agreeBlock());
        doc.put("resultCid", r.resultCid().toString());
        doc.put("fuelUsed", r.fuelUsed());
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("status", r.outcome().status());
        o.put("success", r.outcome().success());
        o.put("exitCode", r.outcome().exitCode());
        o.put("stdoutCid", r.outcome().stdout() == null ? null : r.outcome().stdout().toString());
        o.put("stderrCid", r.outcome().stderr() == null ? null : r.outcome().stderr().toString());
        doc.put("outcome", o);
        doc.put("stdout", new String(r.stdout(), StandardCharsets.UTF_8));
        if (r.accepted() == null) {
            doc.put("accepted", null);
        } else {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("tx", r.accepted().tx().hash());
            a.put("block", r.accepted().tx().block());
            a.put("nodePayment", r.accepted().nodePayment().toString());
            a.put("networkFee", r.accepted().networkFee().toString());
            a.put("clientRefund", r.accepted().clientRefund().toString());
            doc.put("accepted", a);
        }
        doc.put("phase", r.phase().solidityName());
        return doc;
    }
}
