package io.pactum.runtime.job;

import io.pactum.runtime.exec.Limits;
import io.pactum.runtime.exec.OutcomeLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * What this node is willing to run (pactum.node.limits.*). Checked when the node decides to sign a
 * deal ({@link #violations}); a job of a signed deal then runs under the deal's {@link OutcomeLimits},
 * never under these, so that its outcome does not depend on the node. Only the wall time is applied at
 * run time: it protects the node and is no part of the outcome.
 */
public record HardLimits(long maxFuel, int maxMemoryPages, long maxOutputBytes, long wallTimeMillis) {

    public HardLimits {
        new Limits(maxFuel, maxMemoryPages, maxOutputBytes, wallTimeMillis); // same validation
    }

    /** Why the node will not run a job under {@code limits}; empty when it will. */
    public List<String> violations(OutcomeLimits limits) {
        List<String> v = new ArrayList<>();
        if (limits.maxFuel() > maxFuel) {
            v.add("job fuel " + limits.maxFuel() + " is above the node's limit of " + maxFuel);
        }
        if (limits.maxMemoryPages() > maxMemoryPages) {
            v.add("job memory of " + limits.maxMemoryPages() + " pages is above the node's limit of " + maxMemoryPages);
        }
        if (limits.maxOutputBytes() > maxOutputBytes) {
            v.add("job output of " + limits.maxOutputBytes() + " bytes is above the node's limit of " + maxOutputBytes);
        }
        return v;
    }

    /** The engine's limits for a job of a signed deal: the outcome limits plus this node's wall time. */
    public Limits forRun(OutcomeLimits limits) {
        return limits.engineLimits(wallTimeMillis);
    }
}
