package io.meetload.launch;

import io.quarkus.runtime.configuration.DurationConverter;
import io.meetload.plan.RunPlan;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The original load test as a plan and a launch, and settings read the way the application reads them. */
final class KubernetesFixtures {

    /** Formatted on purpose (indentation, a non-ASCII name, a final newline): the ConfigMap must keep every byte. */
    static final String PLAN_TEXT = """
            {
              "schema": 1,
              "name": "12p-10cam-30min \u2013 M\u00fcnchen",
              "target": { "driver": "jitsi", "url": "https://meet.example.org", "room": "loadtest-12p" },
              "participants": 12, "videoSenders": 10, "audioSenders": 2, "instances": 6,
              "duration": "PT30M", "rampUp": "PT1M",
              "instanceSize": { "cpu": "2", "memory": "4Gi" }
            }
            """;

    static final String TOKEN = "wt-3f9a7c1e5b2d4a60";

    private KubernetesFixtures() {
    }

    static RunPlan plan() {
        return new RunPlan(1, "12p-10cam-30min", new RunPlan.Target(RunPlan.Driver.JITSI, "https://meet.example.org",
                "loadtest-12p"), 1, 12, 10, 2, 6, Duration.ofMinutes(30), Duration.ofMinutes(1),
                RunPlan.Video.DEFAULT, RunPlan.Media.BUILT_IN,
                new RunPlan.InstanceSize("2", "4Gi", 2.0, 4L * 1024 * 1024 * 1024),
                RunPlan.Thresholds.DEFAULT, Optional.empty());
    }

    static RunLaunch launch(String runId, Path dir) throws IOException {
        Path planFile = dir.resolve("plan.json");
        Files.writeString(planFile, PLAN_TEXT, StandardCharsets.UTF_8);
        return new RunLaunch(runId, plan(), dir, planFile, URI.create("http://meetload-coordinator:8080"), TOKEN);
    }

    static KubernetesSettings settings(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(KubernetesSettings.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withDefaultValues(properties)
                .build();
        return config.getConfigMapping(KubernetesSettings.class);
    }
}
