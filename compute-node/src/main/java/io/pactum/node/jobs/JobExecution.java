package io.pactum.node.jobs;

import io.pactum.node.jobs.JobFormats.OutcomeFacts;
import io.pactum.node.jobs.Ports.Content;
import io.pactum.node.jobs.Ports.JobRunner;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.deal.Deal;
import io.pactum.runtime.exec.ExecutionResult;
import io.pactum.runtime.exec.ExecutionStatus;
import io.pactum.runtime.exec.JobInput;
import io.pactum.runtime.exec.Limits;
import io.pactum.runtime.exec.WallTimeExceededException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs the job of one deal and stores its outcome: spec, module and inputs by CID, the engine under
 * min(spec, deal, node) limits, then stdout, stderr and the outcome record into the store. Deterministic:
 * the same deal and content give the same outcome CID, so a re-run after a crash changes nothing.
 */
public final class JobExecution {

    /** The stored outcome. */
    public record Outcome(ExecutionStatus status, long fuelUsed, String outcomeCid) {}

    private final Content content;
    private final JobRunner runner;
    private final JobFormats formats;
    private final HardLimits hardLimits;

    public JobExecution(Content content, JobRunner runner, JobFormats formats, HardLimits hardLimits) {
        this.content = content;
        this.runner = runner;
        this.formats = formats;
        this.hardLimits = hardLimits;
    }

    /**
     * @throws WallTimeExceededException the node gave up: no outcome
     * @throws IOException the node's own store failed: retry later
     */
    public Outcome run(Deal deal) throws WallTimeExceededException, IOException {
        String specCid;
        try {
            specCid = Cid.fromBytes(deal.jobSpecCid().toArray()).toString();
        } catch (IllegalArgumentException e) {
            return failed(deal.jobSpecCid().toHex(), ExecutionStatus.INPUT_UNAVAILABLE, "jobSpecCid is not a CID: " + e.getMessage());
        }
        Optional<byte[]> specBytes = content.get(specCid);
        if (specBytes.isEmpty()) {
            return failed(specCid, ExecutionStatus.INPUT_UNAVAILABLE, "job spec " + specCid + " not retrievable");
        }
        JobPlan plan;
        try {
            plan = formats.parseSpec(specBytes.get());
        } catch (IllegalArgumentException e) {
            return failed(specCid, ExecutionStatus.INPUT_UNAVAILABLE, "job spec " + specCid + " is invalid: " + e.getMessage());
        }
        Optional<byte[]> module = content.get(plan.moduleCid());
        if (module.isEmpty()) {
            return failed(specCid, ExecutionStatus.INPUT_UNAVAILABLE, "module " + plan.moduleCid() + " not retrievable");
        }
        Map<String, byte[]> files = new TreeMap<>();
        for (Map.Entry<String, String> in : plan.inputs().entrySet()) {
            Optional<byte[]> bytes = content.get(in.getValue());
            if (bytes.isEmpty()) {
                return failed(specCid, ExecutionStatus.INPUT_UNAVAILABLE,
                        "input " + in.getKey() + " (" + in.getValue() + ") not retrievable");
            }
            files.put(in.getKey(), bytes.get());
        }
        JobInput input;
        try {
            input = new JobInput(plan.args(), plan.env(), files, plan.randomSeed());
        } catch (IllegalArgumentException e) {
            return failed(specCid, ExecutionStatus.INPUT_UNAVAILABLE, "job input is invalid: " + e.getMessage());
        }
        Limits limits = hardLimits.effective(plan, deal.maxFuel());
        ExecutionResult r = runner.run(module.get(), input, limits);
        byte[] stdout = r.stdout();
        byte[] stderr = r.stderr();
        String stdoutCid = content.put(stdout);
        String stderrCid = content.put(stderr);
        OutcomeFacts facts = new OutcomeFacts(specCid, r.status(), r.exitCode(), r.fuelUsed(), stdoutCid, stdout.length,
                stderrCid, stderr.length, r.diagnostic());
        return store(facts);
    }

    private Outcome failed(String specCid, ExecutionStatus status, String diagnostic) throws IOException {
        return store(new OutcomeFacts(specCid, status, ExecutionResult.NO_EXIT_CODE, 0, null, 0, null, 0, diagnostic));
    }

    private Outcome store(OutcomeFacts facts) throws IOException {
        String cid = content.put(formats.outcomeRecord(facts));
        return new Outcome(facts.status(), facts.fuelUsed(), cid);
    }
}
