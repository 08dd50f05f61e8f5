package io.meetload.launch;

import io.meetload.plan.RunPlan;

import java.net.URI;
import java.nio.file.Path;

/**
 * What a launcher needs to start a run's instances.
 *
 * @param runDir the run's folder in the run store (logs go there)
 * @param planFile the plan as it was posted (workers read it and digest it)
 * @param coordinatorUrl where workers send heartbeats and reports
 * @param workerToken the run's own token, which workers present (never logged)
 */
public record RunLaunch(String runId, RunPlan plan, Path runDir, Path planFile, URI coordinatorUrl,
                        String workerToken) {
}
