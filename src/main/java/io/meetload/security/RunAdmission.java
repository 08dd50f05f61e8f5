package io.meetload.security;

import io.meetload.coordinator.ApiProblem;
import io.meetload.coordinator.RunService;
import io.meetload.coordinator.RunState;
import io.meetload.plan.PlanError;
import io.meetload.plan.PlanParser;
import io.meetload.plan.RunPlan;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The door every run from outside comes through (the API and the chat commands): a valid plan,
 * within this coordinator's policy, and a free place among the concurrent runs, before anything is
 * written or started. A place is held from the check until the run is in the coordinator's own
 * list, so two requests at once cannot both take the last one.
 */
@ApplicationScoped
public class RunAdmission {

    private final RunService service;
    private final PlanParser parser;
    private final PlanPolicy policy;
    private final int maxConcurrentRuns;
    private int starting;

    public RunAdmission(RunService service, PlanParser parser, ApiSecurityConfig config) {
        this.service = service;
        this.parser = parser;
        this.policy = PlanPolicy.of(config);
        this.maxConcurrentRuns = config.maxConcurrentRuns();
    }

    /** A held place among the concurrent runs; released once the run is created (or failed to be). */
    public final class Place implements AutoCloseable {
        private boolean released;

        @Override
        public void close() {
            synchronized (RunAdmission.this) {
                if (!released) {
                    released = true;
                    starting--;
                }
            }
        }
    }

    /** Parses, checks and starts a plan posted to the API; throws InvalidPlanException or ApiProblem. */
    public RunState start(byte[] planBytes) {
        RunPlan plan = parser.parse(new String(planBytes, StandardCharsets.UTF_8));
        try (Place place = admit(plan)) {
            return service.create(planBytes);
        }
    }

    /** Checks a valid plan against the policy and holds a place for it; throws ApiProblem (400, 409). */
    public Place admit(RunPlan plan) {
        List<PlanError> refused = policy.check(plan);
        if (!refused.isEmpty()) {
            throw refusal(refused);
        }
        synchronized (this) {
            int running = service.activeRunCount() + starting;
            if (running >= maxConcurrentRuns) {
                throw new ApiProblem(409, "runs: at most " + maxConcurrentRuns
                        + " may be active at once on this coordinator (meetload.api.max-concurrent-runs), "
                        + running + " are; try again when one has ended",
                        Map.of("limit", maxConcurrentRuns, "active", running));
            }
            starting++;
        }
        return new Place();
    }

    static ApiProblem refusal(List<PlanError> refused) {
        String lines = refused.stream().map(PlanError::line).collect(Collectors.joining("; "));
        return new ApiProblem(400, "plan refused: " + lines, Map.of("errors", refused.stream().map(e -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("field", e.field());
            one.put("rule", e.rule());
            one.put("value", e.value());
            one.put("message", e.line());
            return one;
        }).toList()));
    }
}
