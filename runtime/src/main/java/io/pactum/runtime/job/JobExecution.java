package io.pactum.runtime.job;

import io.pactum.runtime.job.JobFormats.OutcomeFacts;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.deal.Deal;
import io.pactum.runtime.exec.ExecutionResult;
import io.pactum.runtime.exec.ExecutionStatus;
import io.pactum.runtime.exec.JobInput;
import io.pactum.runtime.exec.OutcomeLimits;
import io.pactum.runtime.exec.WallTimeExceededException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs the job of one deal and stores its outcome (shared by the compute node, which posts it, and the
 * mediator, which re-runs it and compares): spec, module and inputs by CID ({@link #fetch}), the
 * engine under the deal's {@link OutcomeLimits} plus the node's wall time, then stdout, stderr and the
 * outcome record into the store ({@link #execute}). Deterministic: the same deal and content give the
 * same outcome CID on every node and mediator, so a re-run after a crash changes nothing.
 *
 * <p>Content that cannot be fetched now ({@link ContentUnavailableException}) may be there later: the
 * {@link JobPipeline} retries and only then stores {@link #unavailable} (INPUT_UNAVAILABLE). A spec that
 * is not a CID or not a valid spec is final at once ({@link #run} and {@link #fetch} store that outcome).
 */
public final class JobExecution {

    private static final System.Logger LOG = System.getLogger(JobExecution.class.getName());

    /** The stored outcome. */
    public record Outcome(ExecutionStatus status, long fuelUsed, String outcomeCid) {}

    /** Everything a run needs, fetched; or the deterministic failure the deal ends with. */
    public record Fetched(String specCid, byte[] module, JobInput input, OutcomeLimits limits, Outcome failure) {
        public boolean failed() {
            return failure != null;
        }
    }

    /** Some content of the job (spec, module or an input) is not retrievable now. */
    public static final class ContentUnavailableException extends Exception {
        private final String specCid;

        public ContentUnavailableException(String specCid, String message) {
            super(message);
            this.specCid = specCid;
        }

        public String specCid() {
            return specCid;
        }
    }

    private final JobContent content;
    private final JobRunner runner;
    private final JobFormats formats;
    private final HardLimits hardLimits;

    public JobExecution(JobContent content, JobRunner runner, JobFormats formats, HardLimits hardLimits) {
        this.content = content;
        this.runner = runner;
        this.formats = formats;
        this.hardLimits = hardLimits;
    }

    /**
     * Fetches and runs at once, without retries: unavailable content is INPUT_UNAVAILABLE immediately.
     *
     * @throws WallTimeExceededException the node gave up: no outcome
     * @throws IOException the node's own store failed: retry later
     */
    public Outcome run(Deal deal) throws WallTimeExceededException, IOException {
        Fetched f;
        try {
            f = fetch(deal);
        } catch (ContentUnavailableException e) {
            return unavailable(e);
        }
        return f.failed() ? f.failure() : execute(f);
    }

    /**
     * Spec, module and inputs of the deal's job.
     *
     * @return the job to {@link #execute}, or (when the spec is not a CID or invalid) its stored failure
     * @throws ContentUnavailableException some content is not retrievable now
     * @throws IOException the node's own store failed storing a failure outcome
     */
    public Fetched fetch(Deal deal) throws ContentUnavailableException, IOException {
        String specCid;
        try {
            specCid = Cid.fromBytes(deal.jobSpecCid().toArray()).toString();
        } catch (IllegalArgumentException e) {
            return fail(deal.jobSpecCid().toHex(), "jobSpecCid is not a CID: " + e.getMessage());
        }
        byte[] specBytes = content.get(specCid)
                .orElseThrow(() -> new ContentUnavailableException(specCid, "job spec " + specCid + " not retrievable"));
        JobPlan plan;
        OutcomeLimits limits;
        try {
            plan = formats.parseSpec(specBytes);
            limits = OutcomeLimits.of(deal.maxFuel(), plan.specLimits());
        } catch (IllegalArgumentException e) {
            return fail(specCid, "job spec " + specCid + " is invalid: " + e.getMessage());
        }
        Optional<byte[]> module = content.get(plan.moduleCid());
        if (module.isEmpty()) {
            throw new ContentUnavailableException(specCid, "module " + plan.moduleCid() + " not retrievable");
        }
        Map<String, byte[]> files = new TreeMap<>();
        for (Map.Entry<String, String> in : plan.inputs().entrySet()) {
            Optional<byte[]> bytes = content.get(in.getValue());
            if (bytes.isEmpty()) {
                throw new ContentUnavailableException(specCid, "input " + in.getKey() + " (" + in.getValue() + ") not retrievable");
            }
            files.put(in.getKey(), bytes.get());
        }
        JobInput input;
        try {
            input = new JobInput(plan.args(), plan.env(), files, plan.randomSeed());
        } catch (IllegalArgumentException e) {
            return fail(specCid, "job input is invalid: " + e.getMessage());
        }
        return new Fetched(specCid, module.get(), input, limits, null);
    }

    /**
     * Runs a fetched job under its outcome limits and the node's wall time; stores and returns the outcome.
     *
     * @throws WallTimeExceededException the node gave up: no outcome
     * @throws IOException the node's own store failed: retry later
     */
    public Outcome execute(Fetched f) throws WallTimeExceededException, IOException {
        if (f.failed()) {
            return f.failure();
        }
        if (!hardLimits.violations(f.limits()).isEmpty()) {
            // signed under other settings: the deal's limits still rule the outcome (the mediator uses them too)
            LOG.log(System.Logger.Level.WARNING, "job {0} runs above this host''s current limits ({1}): the deal''s limits rule the outcome",
                    f.specCid(), String.join("; ", hardLimits.violations(f.limits())));
        }
        ExecutionResult r = runner.run(f.module(), f.input(), hardLimits.forRun(f.limits()));
        byte[] stdout = r.stdout();
        byte[] stderr = r.stderr();
        String stdoutCid = content.put(stdout);
        String stderrCid = content.put(stderr);
        OutcomeFacts facts = new OutcomeFacts(f.specCid(), r.status(), r.exitCode(), r.fuelUsed(), stdoutCid, stdout.length,
                stderrCid, stderr.length, r.diagnostic());
        return store(facts);
    }

    /** Stores the INPUT_UNAVAILABLE outcome of content that stayed unreachable. */
    public Outcome unavailable(ContentUnavailableException e) throws IOException {
        return store(failedFacts(e.specCid(), e.getMessage()));
    }

    private Fetched fail(String specCid, String diagnostic) throws IOException {
        return new Fetched(specCid, null, null, null, store(failedFacts(specCid, diagnostic)));
    }

    private static OutcomeFacts failedFacts(String specCid, String diagnostic) {
        return new OutcomeFacts(specCid, ExecutionStatus.INPUT_UNAVAILABLE, ExecutionResult.NO_EXIT_CODE, 0, null, 0, null, 0,
                diagnostic);
    }

    private Outcome store(OutcomeFacts facts) throws IOException {
        String cid = content.put(formats.outcomeRecord(facts));
        return new Outcome(facts.status(), facts.fuelUsed(), cid);
    }
}
