package io.meetload.coordinator;

import io.meetload.plan.PlanParser;
import io.meetload.plan.RunPlan;

/** Small valid plans for coordinator and launcher tests. */
public final class TestPlans {

    private TestPlans() {
    }

    public static String json(int instances, String duration) {
        return """
                {
                  "schema": 1,
                  "name": "coordinator-test",
                  "target": { "driver": "janus", "url": "http://127.0.0.1:8088/janus", "room": 1234 },
                  "participants": %d,
                  "instances": %d,
                  "videoSenders": 1,
                  "audioSenders": 1,
                  "duration": "%s",
                  "rampUp": "PT1S",
                  "instanceSize": { "cpu": "1", "memory": "2Gi" }
                }
                """.formatted(instances * 2, instances, duration);
    }

    public static RunPlan plan(int instances) {
        return new PlanParser().parse(json(instances, "PT10M"));
    }
}
