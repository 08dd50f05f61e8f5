package io.meetload.worker;

import io.meetload.worker.TestWorkers.Running;
import io.meetload.instance.InstanceReport;
import io.meetload.instance.ParticipantEvent;
import io.meetload.instance.ParticipantSample;
import io.meetload.instance.ParticipantState;
import io.meetload.plan.RunPlan;
import io.meetload.sfu.LocalJanus;
import io.meetload.testing.Plans;
import io.meetload.testing.TestNetwork;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The worker against a real Janus and real headless Chromium, in a loopback-only network
 * namespace: participants join, media flows both ways, and each kind of trouble ends in its own
 * state, with the report written every time.
 */
@QuarkusTest
class JanusWorkerTest {

    private static LocalJanus janus;

    @Inject
    WorkerSettings settings;
    @Inject
    MeterRegistry registry;
    @Inject
    HostProbe hostProbe;
    @Inject
    HttpPort httpPort;

    @BeforeAll
    static void startJanus() throws Exception {
        TestNetwork.requireLoopbackOnlyNamespace();
        janus = LocalJanus.start(Path.of("target/janus-worker-test"), 0, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stopJanus() {
        if (janus != null) {
            janus.close();
        }
    }

    @Test
    void threeParticipantsJoinAndMediaFlowsBothWays() throws Exception {
        RunPlan plan = Plans.janus("three", janus.apiUrl().toString(), 2001, 3, 2, 2, "PT2M");
        Running running = start(plan, "t-three");

        awaitStates(running, Duration.ofSeconds(60), s -> s == ParticipantState.MEDIA_FLOWING);
        Map<String, ParticipantSample> first = byParticipant(running.runner().latestSamples());
        // i0-p1 sends nothing (2 of 3 send video and audio): it still sees the two others
        for (ParticipantSample s : first.values()) {
            assertEquals(2, s.remoteParticipants(), s.participant() + " sees the two others");
        }
        AtomicLong bytes = new AtomicLong();
        AtomicLong frames = new AtomicLong();
        for (String id : first.keySet()) {
            long bytesBefore = first.get(id).bytesReceived();
            long framesBefore = first.get(id).framesReceived();
            await(id + ": received bytes and frames grow").atMost(Duration.ofSeconds(30)).until(() -> {
                ParticipantSample now = byParticipant(running.runner().latestSamples()).get(id);
                bytes.set(now.bytesReceived());
                frames.set(now.framesReceived());
                return now.bytesReceived() > bytesBefore && now.framesReceived() > framesBefore;
            });
        }
        ParticipantSample receiver = byParticipant(running.runner().latestSamples()).get("i0-p1");
        assertTrue(receiver.receiveBitsPerSecond() > 50_000, "receiver gets real media: " + receiver);
        assertTrue(receiver.receiveWidth() != null && receiver.receiveWidth() >= 320, "video frames decoded: " + receiver);

        running.runner().stop("TEST_DONE", Duration.ofSeconds(60));
        InstanceReport report = running.report();
        assertEquals("TEST_DONE", report.endReason());
        for (String id : List.of("i0-p1", "i0-p2", "i0-p3")) {
            assertEquals(List.of(ParticipantState.JOINING, ParticipantState.JOINED, ParticipantState.MEDIA_FLOWING,
                    ParticipantState.LEFT), transitions(report, id), id + " went through the states");
        }
        assertTrue(report.participantSamples().size() >= 6, "raw samples are kept");
        assertTrue(!report.hostSamples().isEmpty(), "host samples are kept");
        assertNoBrowserLeft(running);
    }

    @Test
    void janusKilledMidRunDropsEveryParticipantWithAReason() throws Exception {
        try (LocalJanus own = LocalJanus.start(Path.of("target/janus-killed-test"), 0, Duration.ofSeconds(20))) {
            RunPlan plan = Plans.janus("killed", own.apiUrl().toString(), 2002, 2, 2, 2, "PT2M");
            Running running = start(plan, "t-killed");
            awaitStates(running, Duration.ofSeconds(60), s -> s == ParticipantState.MEDIA_FLOWING);

            own.kill();

            awaitStates(running, Duration.ofSeconds(60),
                    s -> s == ParticipantState.DROPPED || s == ParticipantState.NO_MEDIA);
            InstanceReport report = running.report(); // every participant ended: the instance ends by itself
            for (ParticipantEvent e : report.events()) {
                if (e.to() == ParticipantState.DROPPED) {
                    assertNotNull(e.reason(), "a drop has a reason: " + e);
                    assertTrue(!e.evidence().isBlank(), "a drop has evidence: " + e);
                }
            }
            assertEquals("ALL_PARTICIPANTS_ENDED", report.endReason());
            assertTrue(Files.exists(running.reportFile()), "the report is written");
            assertNoBrowserLeft(running);
        }
    }

    @Test
    void oneBrowserKilledCrashesThatParticipantAlone() throws Exception {
        RunPlan plan = Plans.janus("crash", janus.apiUrl().toString(), 2003, 2, 2, 2, "PT2M");
        Running running = start(plan, "t-crash");
        awaitStates(running, Duration.ofSeconds(60), s -> s == ParticipantState.MEDIA_FLOWING);

        ProcessHandle chromium = browserOf("i0-p2");
        chromium.destroyForcibly();

        await("i0-p2 crashed").atMost(Duration.ofSeconds(30))
                .until(() -> running.runner().states().get("i0-p2") == ParticipantState.BROWSER_CRASHED);
        assertEquals(ParticipantState.MEDIA_FLOWING, running.runner().states().get("i0-p1"), "the other one goes on");
        running.runner().stop("TEST_DONE", Duration.ofSeconds(60));
        InstanceReport report = running.report();
        assertEquals(ParticipantState.LEFT, transitions(report, "i0-p1").get(transitions(report, "i0-p1").size() - 1));
        assertNoBrowserLeft(running);
    }

    @Test
    void unreachableSfuFailsToJoinWithinTheDeadline() throws Exception {
        RunPlan plan = Plans.janus("unreachable", "http://127.0.0.1:9/janus", 2004, 1, 1, 1, "PT2M");
        long started = System.nanoTime();
        Running running = start(plan, "t-unreachable");
        awaitStates(running, settings.joinTimeout().plusSeconds(20), s -> s == ParticipantState.FAILED_TO_JOIN);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(settings.joinTimeout().plusSeconds(20)) < 0, "failed within the deadline: " + took);
        InstanceReport report = running.report();
        ParticipantEvent failed = report.events().stream().filter(e -> e.to() == ParticipantState.FAILED_TO_JOIN)
                .findFirst().orElseThrow();
        assertTrue(failed.evidence().contains("not joined"), failed.evidence());
        assertTrue(Files.exists(running.reportFile()));
    }

    // --- helpers -------------------------------------------------------------------------

    private Running start(RunPlan plan, String run) throws Exception {
        return TestWorkers.start(plan, run, httpPort.get(), settings, hostProbe, registry);
    }

    private static void awaitStates(Running running, Duration atMost, Predicate<ParticipantState> wanted) {
        running.awaitAll(atMost, wanted);
    }

    private static Map<String, ParticipantSample> byParticipant(List<ParticipantSample> samples) {
        Map<String, ParticipantSample> map = new java.util.TreeMap<>();
        samples.forEach(s -> map.put(s.participant(), s));
        return map;
    }

    private static List<ParticipantState> transitions(InstanceReport report, String participant) {
        return report.events().stream().filter(e -> e.participant().equals(participant))
                .map(ParticipantEvent::to).toList();
    }

    private static ProcessHandle browserOf(String participant) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> List.of(a).stream()
                        .anyMatch(s -> s.startsWith("--user-data-dir=") && s.contains("meetload-" + participant + "-"))
                        && List.of(a).stream().noneMatch(s -> s.startsWith("--type="))).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no browser process for " + participant));
    }

    private static void assertNoBrowserLeft(Running running) {
        await("no browser or chromedriver outlives the instance").atMost(Duration.ofSeconds(15)).until(() ->
                ProcessHandle.current().descendants().noneMatch(p -> p.info().command()
                        .map(c -> c.contains("chrom")).orElse(false)));
    }
}
