package io.pactum.runtime.job;

import io.pactum.runtime.exec.ExecutionResult;
import io.pactum.runtime.exec.JobInput;
import io.pactum.runtime.exec.Limits;
import io.pactum.runtime.exec.WallTimeExceededException;

/** The WASM engine as a job run sees it ({@code JobEngine::run}). */
@FunctionalInterface
public interface JobRunner {
    ExecutionResult run(byte[] wasm, JobInput input, Limits limits) throws WallTimeExceededException;
}
