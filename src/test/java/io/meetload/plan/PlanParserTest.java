package io.meetload.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meetload.plan.RunPlan.Driver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanParserTest {

    private static final long GI = 1L << 30;
    private final PlanParser parser = new PlanParser();

    @Test
    void theOriginalLoadTestReadsAsDesigned() throws IOException {
        RunPlan plan = parser.parse(Files.readString(Path.of("examples/original-12p-10cam-30min.json")));

        assertEquals(new RunPlan(1, "12p-10cam-30min",
                new RunPlan.Target(Driver.JITSI, "https://meet.example.org", "loadtest-12p"),
                1, 12, 10, 2, 6, Duration.ofMinutes(30), Duration.ofMinutes(1),
                new RunPlan.Video(1280, 720, 30), RunPlan.Media.BUILT_IN,
                new RunPlan.InstanceSize("2", "4Gi", 2.0, 4 * GI),
                new RunPlan.Thresholds(100, 0.05, 0.9, 0), Optional.empty()), plan);
        assertEquals("loadtest-12p", plan.roomName(1));
    }

    @Test
    void aJanusPlanWithFourHundredRoomsNumbersItsRooms() throws IOException {
        RunPlan plan = parser.parse(Files.readString(Path.of("examples/janus-400-rooms.json")));

        assertEquals(new RunPlan.Target(Driver.JANUS, "http://127.0.0.1:8088/janus", "1000"), plan.target());
        assertEquals(400, plan.rooms());
        assertEquals(800, plan.participants());
        assertEquals(50, plan.instances());
        assertEquals("1000", plan.roomName(1));
        assertEquals("1399", plan.roomName(400));
        assertEquals(new RunPlan.InstanceSize("8", "16Gi", 8.0, 16 * GI), plan.instanceSize());
    }

    @Test
    void theDemoPlanShippedInTheBinaryIsValid() throws IOException {
        String text;
        try (InputStream in = PlanParser.class.getResourceAsStream("/plans/demo.json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        RunPlan plan = parser.parse(text);

        assertEquals(new RunPlan(1, "demo", new RunPlan.Target(Driver.JANUS, "http://127.0.0.1:8088/janus", "1234"),
                1, 4, 2, 2, 2, Duration.ofSeconds(40), Duration.ofSeconds(4), new RunPlan.Video(640, 360, 20),
                RunPlan.Media.BUILT_IN, new RunPlan.InstanceSize("1", "2Gi", 1.0, 2 * GI),
                RunPlan.Thresholds.DEFAULT, Optional.empty()), plan);
    }

    @Test
    void aMinimalPlanGetsEveryDefault() {
        RunPlan plan = parser.parse("""
                {"schema": 1, "name": "min", "participants": 3, "duration": "PT10S",
                 "target": {"driver": "jitsi", "url": "http://127.0.0.1:8443/", "room": "r"}}
                """);

        assertEquals(new RunPlan(1, "min", new RunPlan.Target(Driver.JITSI, "http://127.0.0.1:8443/", "r"),
                1, 3, 0, 0, 1, Duration.ofSeconds(10), Duration.ZERO, RunPlan.Video.DEFAULT, RunPlan.Media.BUILT_IN,
                new RunPlan.InstanceSize("2", "4Gi", 2.0, 4 * GI), RunPlan.Thresholds.DEFAULT, Optional.empty()), plan);
    }

    @Test
    void nullInAnOptionalFieldMeansTheDefaultAndPartialObjectsKeepTheirOtherDefaults() {
        RunPlan plan = parser.parse("""
                {"schema": 1, "name": "nulls", "participants": 3, "duration": "PT1M", "rampUp": null,
                 "instances": null, "media": null, "video": {"fps": 15},
                 "instanceSize": {"memory": "512Mi"}, "thresholds": {"maxGeneratorCpuRatio": 1},
                 "target": {"driver": "jitsi", "url": "https://meet.example.org", "room": "r"}}
                """);

        assertEquals(Duration.ZERO, plan.rampUp());
        assertEquals(1, plan.instances());
        assertEquals(RunPlan.Media.BUILT_IN, plan.media());
        assertEquals(new RunPlan.Video(1280, 720, 15), plan.video());
        assertEquals(new RunPlan.InstanceSize("2", "512Mi", 2.0, 512L << 20), plan.instanceSize());
        assertEquals(new RunPlan.Thresholds(100, 0.05, 1.0, 0), plan.thresholds());
    }

    @Test
    void mediaBridgeAndAJanusRoomGivenAsDigitsAreRead() {
        RunPlan plan = parser.parse("""
                {"schema": 1, "name": "full", "participants": 2, "duration": "PT1H", "rampUp": "PT1H",
                 "target": {"driver": "janus", "url": "HTTPS://janus.example.org:8089/janus?x=1", "room": "0042"},
                 "media": {"videoFile": "/media/talk.y4m", "audioFile": "talk.wav"},
                 "instanceSize": {"cpu": "500m", "memory": "1.5Gi"},
                 "bridge": {"prometheusUrl": "http://127.0.0.1:9090", "family": "systemli", "selector": "{job=\\"jitsi\\"}"}}
                """);

        assertEquals("42", plan.target().room());
        assertEquals("HTTPS://janus.example.org:8089/janus?x=1", plan.target().url());
        assertEquals(new RunPlan.Media(Optional.of("/media/talk.y4m"), Optional.of("talk.wav")), plan.media());
        assertEquals(new RunPlan.InstanceSize("500m", "1.5Gi", 0.5, 3L << 29), plan.instanceSize());
        assertEquals(Optional.of(new RunPlan.Bridge("http://127.0.0.1:9090", RunPlan.MetricFamily.SYSTEMLI,
                "{job=\"jitsi\"}")), plan.bridge());
        assertEquals(Duration.ofHours(1), plan.rampUp());
    }

    @Test
    void aBridgeWithoutSelectorHasAnEmptyOne() {
        RunPlan plan = parser.parse("""
                {"schema": 1, "name": "b", "participants": 2, "duration": "PT1M",
                 "target": {"driver": "jitsi", "url": "https://meet.example.org", "room": "r"},
                 "bridge": {"prometheusUrl": "https://prometheus.example.org/", "family": "jvb"}}
                """);

        assertEquals(Optional.of(new RunPlan.Bridge("https://prometheus.example.org/", RunPlan.MetricFamily.JVB, "")),
                plan.bridge());
    }

    @Test
    void aTreeChangedBeforeParsingIsValidatedAsAWhole() {
        JsonNode tree = parser.tree("""
                {"schema": 1, "name": "chat", "participants": 12, "videoSenders": 10, "duration": "PT30M",
                 "target": {"driver": "jitsi", "url": "https://meet.example.org", "room": "r"}}
                """);
        ((ObjectNode) tree).put("participants", 20);
        assertEquals(20, parser.parse(tree).participants());

        ((ObjectNode) tree).put("participants", 8);
        InvalidPlanException refused = assertThrows(InvalidPlanException.class, () -> parser.parse(tree));
        assertEquals("videoSenders: must be between 0 and participants (8), was 10", refused.getMessage());
    }

    @Test
    void aByteOrderMarkBeforeThePlanIsIgnored() {
        RunPlan plan = parser.parse("\uFEFF" + """
                {"schema": 1, "name": "bom", "participants": 1, "duration": "PT10S",
                 "target": {"driver": "janus", "url": "http://127.0.0.1:8088/janus", "room": 1}}
                """);
        assertEquals("bom", plan.name());
    }

    @Test
    void topLevelsThatAreNotObjectsAreRefusedAsAWhole() {
        assertEquals(List.of(new PlanError("(plan)", "must be a JSON object", "null")),
                assertThrows(InvalidPlanException.class, () -> parser.parse("null")).errors());
        assertEquals(List.of(new PlanError("(plan)", "must be a JSON object", "\"plan\"")),
                assertThrows(InvalidPlanException.class, () -> parser.parse("\"plan\"")).errors());
        assertEquals(List.of(new PlanError("(plan)", "is not valid JSON: the plan is empty", null)),
                assertThrows(InvalidPlanException.class, () -> parser.parse((String) null)).errors());
    }

    @Test
    void manyInstancesAreCappedAtAThousandEvenWithMoreParticipants() {
        InvalidPlanException refused = assertThrows(InvalidPlanException.class, () -> parser.parse("""
                {"schema": 1, "name": "big", "participants": 5000, "instances": 1001, "rooms": 1001, "duration": "PT1M",
                 "target": {"driver": "jitsi", "url": "https://meet.example.org", "room": "r"}}
                """));
        assertEquals("""
                rooms: must be between 1 and 1000, was 1001
                instances: must be between 1 and 1000, was 1001""", refused.getMessage());
    }

    @Test
    void integersWrittenAsFractionsOrExponentsAreNotIntegers() {
        String plan = """
                {"schema": 1, "name": "f", "participants": %s, "duration": "PT1M",
                 "target": {"driver": "jitsi", "url": "https://meet.example.org", "room": "r"}}
                """;
        assertEquals("participants: must be an integer, was 12.0",
                assertThrows(InvalidPlanException.class, () -> parser.parse(plan.formatted("12.0"))).getMessage());
        assertEquals("participants: must be an integer, was 10.0",
                assertThrows(InvalidPlanException.class, () -> parser.parse(plan.formatted("1e1"))).getMessage());
    }

    @Test
    void hugeIntegersAreOutOfRangeNotOverflowed() {
        InvalidPlanException refused = assertThrows(InvalidPlanException.class, () -> parser.parse("""
                {"schema": 1, "name": "big", "participants": 99999999999999999999, "duration": "PT1M",
                 "target": {"driver": "jitsi", "url": "https://meet.example.org", "room": "r"}}
                """));
        assertEquals("participants: must be between 1 and 5000, was 99999999999999999999", refused.getMessage());
    }

    @Test
    void aDurationOfADayIsTheLongestAllowed() {
        String plan = """
                {"schema": 1, "name": "day", "participants": 1, "duration": "%s",
                 "target": {"driver": "jitsi", "url": "https://meet.example.org", "room": "r"}}
                """;
        assertEquals(Duration.ofDays(1), parser.parse(plan.formatted("P1D")).duration());
        assertEquals("duration: must be at most 24h, was \"PT24H0.001S\" (24h1ms)",
                assertThrows(InvalidPlanException.class, () -> parser.parse(plan.formatted("PT24H0.001S"))).getMessage());
    }
}
