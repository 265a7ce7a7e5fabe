package io.pactum.node.jobs;

import io.pactum.node.jobs.Ports.Content;
import io.pactum.node.jobs.Ports.ResultPoster;
import io.pactum.node.jobs.Ports.Submission;
import io.pactum.protocol.cid.Cid;
import io.pactum.protocol.deal.Deal;
import io.pactum.protocol.job.JobOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * DEVNET ONLY ({@code pactum.node.devnet-cheat=true}, set by {@code pactum demo --cheat}): a node that
 * lies. It posts, instead of its honest outcome record, a well-formed one whose stdout is forged (same
 * status, exit code and fuel), so the client can fetch and read it and only a re-run shows the lie. The
 * mediators' re-run yields the honest record's CID, votes "incorrect", and the node's cheating collateral
 * is slashed. Never enabled outside the devnet: the node logs an error at start when it is.
 */
public final class CheatingPoster implements ResultPoster {
    private static final Logger LOG = Logger.getLogger(CheatingPoster.class);

    private final ResultPoster honest;
    private final Content content;

    public CheatingPoster(ResultPoster honest, Content content) {
        this.honest = honest;
        this.content = content;
    }

    @Override
    public void submit(String idempotencyKey, Deal deal, byte[] resultCid, long fuelUsed, long deadline) throws IOException {
        Cid real = Cid.fromBytes(resultCid);
        byte[] record = content.get(real.toString())
                .orElseThrow(() -> new IOException("own outcome record " + real + " missing from the store"));
        JobOutcome o = JobOutcome.parse(record);
        byte[] forgedStdout = ("42 words (forged by a cheating devnet node; the real outcome is " + real + ")\n")
                .getBytes(StandardCharsets.UTF_8);
        Cid stdout = Cid.parse(content.put(forgedStdout));
        JobOutcome forged = new JobOutcome(o.status(), o.exitCode(), o.fuelUsed(), stdout, forgedStdout.length, o.stderrCid(),
                o.stderrBytes());
        Cid forgedCid = Cid.parse(content.put(forged.toCanonicalJson()));
        LOG.errorf("CHEATING (devnet): posting forged outcome %s instead of %s for deal %s", forgedCid, real, deal.id());
        honest.submit(idempotencyKey, deal, forgedCid.toBytes(), fuelUsed, deadline);
    }

    @Override
    public Submission state(String idempotencyKey) throws IOException {
        return honest.state(idempotencyKey);
    }
}
