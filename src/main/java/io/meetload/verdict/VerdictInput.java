package io.meetload.verdict;

import io.meetload.bridge.BridgeSeries;
import io.meetload.instance.InstanceFact;
import io.meetload.instance.InstanceReport;
import io.meetload.plan.RunPlan;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a verdict is computed from; the engine reads nothing else (no clock, no I/O).
 *
 * @param reports instance index to its report (absent: no report)
 * @param facts instance index to what the launcher knows of how it ended
 * @param cancelled why the run was cancelled, when it was
 */
public record VerdictInput(String runId, RunPlan plan, Instant startedAt, Instant endedAt,
                           Map<Integer, InstanceReport> reports, Map<Integer, InstanceFact> facts,
                           Optional<String> cancelled, Optional<BridgeSeries> bridge) {
}
