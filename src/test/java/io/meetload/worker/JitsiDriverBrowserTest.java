package io.meetload.worker;

import io.meetload.driver.JitsiDriver;
import io.meetload.driver.JitsiSettings;
import io.meetload.instance.InstanceReport;
import io.meetload.instance.ParticipantEvent;
import io.meetload.instance.ParticipantSample;
import io.meetload.instance.ParticipantState;
import io.meetload.testing.FakeJitsi;
import io.meetload.testing.FakeJitsi.Seen;
import io.meetload.testing.Plans;
import io.meetload.testing.TestNetwork;
import io.meetload.worker.TestWorkers.Running;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code jitsi} driver in real headless Chromium, driven by a real worker, against a page that
 * has jitsi-meet's {@code APP} surface and returns a {@code getStats()} fixture shaped after the
 * documented fields (no Jitsi server can run here; see {@code src/test/resources/jitsi}). The
 * test decides when each page joins, gets media, is kicked or loses its connection.
 */
@QuarkusTest
class JitsiDriverBrowserTest {

    @Inject
    WorkerSettings settings;
    @Inject
    JitsiSettings jitsi;
    @Inject
    MeterRegistry registry;
    @Inject
    HostProbe hostProbe;
    @Inject
    HttpPort httpPort;

    private FakeJitsi fake;

    @BeforeEach
    void startFakeJitsi() throws Exception {
        TestNetwork.requireLoopbackOnlyNamespace();
        fake = FakeJitsi.start();
    }

    @AfterEach
    void stopFakeJitsi() {
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    void joinsGetsMediaFromTheStatsAndEachDropHasItsReason() throws Exception {
        // participant 0 (i0-p1) sends video and audio, i0-p2 receives only
        Running running = start(Plans.jitsi("jitsi-drops", fake.url(), "loadtest", 2, 1, 1, "PT2M"), "t-jitsi-drops");
        awaitLoaded("i0-p2", "i0-p1");
        assertEquals(List.of(ParticipantState.JOINING, ParticipantState.JOINING), List.copyOf(running.runner().states().values()),
                "the app is there, but not joined yet");

        Seen receiver = loaded("i0-p2");
        assertEquals("/loadtest", receiver.path());
        assertEquals("i0-p2", receiver.params().path("userInfo.displayName").asText(), "the display name parses as JSON");
        assertTrue(receiver.params().path("config.startWithVideoMuted").asBoolean(), receiver.params().toString());
        assertTrue(receiver.params().path("config.disableInitialGUM").asBoolean(), receiver.params().toString());
        assertFalse(receiver.params().path("config.p2p.enabled").asBoolean(true), receiver.params().toString());
        assertFalse(loaded("i0-p1").params().path("config.startWithVideoMuted").asBoolean(true), "the sender sends");

        both("join");
        running.awaitAll(Duration.ofSeconds(30), s -> s == ParticipantState.JOINED);
        both("media");
        running.awaitAll(Duration.ofSeconds(30), s -> s == ParticipantState.MEDIA_FLOWING);

        ParticipantSample sample = flowingSample(running, "i0-p2");
        assertEquals(2, sample.remoteParticipants(), "listMembers().length");
        assertEquals(1_450_000, sample.receiveBitsPerSecond(), 0.001, "bitrate.download, kbps");
        assertEquals(1_180_000, sample.sendBitsPerSecond(), 0.001, "bitrate.upload, kbps");
        assertEquals(0.02, sample.packetLossRatio(), 1e-9, "packetLoss.download, percent");
        assertEquals(640, sample.receiveWidth(), "the largest remote video, not this participant's own 1280");
        assertEquals(360, sample.receiveHeight());
        assertEquals(35.0, sample.receiveFramesPerSecond(), 1e-9, "20 + 15 from the two others, not its own 30");
        assertEquals("connected", sample.ice());

        fake.command("i0-p2", "kick");
        await("i0-p1 dropped").atMost(Duration.ofSeconds(20))
                .until(() -> running.runner().states().get("i0-p2") == ParticipantState.DROPPED);
        assertEquals(ParticipantState.MEDIA_FLOWING, running.runner().states().get("i0-p1"), "the other one goes on");

        Instant interrupted = Instant.now();
        fake.command("i0-p1", "interrupt");
        await("i0-p2 dropped").atMost(settings.dropTimeout().plusSeconds(20))
                .until(() -> running.runner().states().get("i0-p1") == ParticipantState.DROPPED);

        InstanceReport report = running.report();
        assertEquals("ALL_PARTICIPANTS_ENDED", report.endReason());
        ParticipantEvent kicked = last(report, "i0-p2");
        assertEquals(List.of(ParticipantState.JOINING, ParticipantState.JOINED, ParticipantState.MEDIA_FLOWING,
                ParticipantState.DROPPED), transitions(report, "i0-p2"));
        assertEquals("KICKED", kicked.reason());
        assertTrue(kicked.evidence().contains("conference.kicked"), kicked.evidence());
        ParticipantEvent lost = last(report, "i0-p1");
        assertEquals(List.of(ParticipantState.JOINING, ParticipantState.JOINED, ParticipantState.MEDIA_FLOWING,
                ParticipantState.DROPPED), transitions(report, "i0-p1"));
        assertEquals("CONNECTION_INTERRUPTED", lost.reason());
        assertTrue(lost.evidence().startsWith("connection interrupted for "), lost.evidence());
        assertTrue(Duration.between(interrupted, lost.at()).compareTo(settings.dropTimeout()) >= 0,
                "interrupted for the whole drop timeout first: " + Duration.between(interrupted, lost.at()));
        assertNoBrowserLeft();
    }

    @Test
    void neverJoinedFailsJoinedWithoutMediaIsNoMediaAndTheEndHangsUp() throws Exception {
        // i0-p1 and i0-p2 receive only, i0-p3 sends
        Running running = start(Plans.jitsi("jitsi-nomedia", fake.url(), "quiet", 3, 1, 1, "PT2M"), "t-jitsi-nomedia");
        awaitLoaded("i0-p1", "i0-p2", "i0-p3");

        fake.command("i0-p2", "join");
        fake.command("i0-p3", "join");
        fake.command("i0-p3", "media");
        await("i0-p3 has media").atMost(Duration.ofSeconds(30))
                .until(() -> running.runner().states().get("i0-p3") == ParticipantState.MEDIA_FLOWING);
        await("i0-p1 and i0-p2 fail").atMost(settings.joinTimeout().plus(settings.mediaTimeout()).plusSeconds(20))
                .until(() -> running.runner().states().get("i0-p1").isFinal()
                        && running.runner().states().get("i0-p2").isFinal());
        assertEquals(ParticipantState.FAILED_TO_JOIN, running.runner().states().get("i0-p1"));
        assertEquals(ParticipantState.NO_MEDIA, running.runner().states().get("i0-p2"));

        running.runner().stop("TEST_DONE", Duration.ofSeconds(60));
        InstanceReport report = running.report();

        assertEquals("TEST_DONE", report.endReason());
        assertEquals("not joined " + settings.joinTimeout().toSeconds() + " s after opening the page",
                last(report, "i0-p1").evidence());
        assertEquals("joined but no media " + settings.mediaTimeout().toSeconds()
                + " s after joining; send ? kbps, receive ? kbps, 2 remote, ice connected", last(report, "i0-p2").evidence());
        assertEquals(List.of(ParticipantState.JOINING, ParticipantState.JOINED, ParticipantState.MEDIA_FLOWING,
                ParticipantState.LEFT), transitions(report, "i0-p3"));
        assertTrue(fake.saw("i0-p3", "hangup"), "the one still in the conference hung up: " + fake.seen("i0-p3"));
        assertFalse(fake.saw("i0-p1", "hangup") || fake.saw("i0-p2", "hangup"), "failed ones are not asked to");
        assertNoBrowserLeft();
    }

    // --- helpers -------------------------------------------------------------------------

    private Running start(io.meetload.plan.RunPlan plan, String run) throws Exception {
        return TestWorkers.start(plan, run, httpPort.get(), settings, hostProbe, registry, new JitsiDriver(jitsi));
    }

    private void awaitLoaded(String... participants) {
        await("the pages load the app").atMost(Duration.ofSeconds(60))
                .until(() -> List.of(participants).stream().allMatch(p -> fake.saw(p, "loaded")));
    }

    private Seen loaded(String participant) {
        return fake.seen(participant).stream().filter(s -> s.what().equals("loaded")).findFirst().orElseThrow();
    }

    private void both(String command) {
        fake.command("i0-p1", command);
        fake.command("i0-p2", command);
    }

    /** The newest sample taken while media flows, with the page's stats in it. */
    private static ParticipantSample flowingSample(Running running, String participant) {
        AtomicReference<ParticipantSample> found = new AtomicReference<>();
        await(participant + " sampled with media").atMost(Duration.ofSeconds(15)).until(() -> {
            ParticipantSample s = running.runner().latestSamples().stream()
                    .filter(x -> x.participant().equals(participant)).findFirst().orElse(null);
            found.set(s);
            return s != null && s.state() == ParticipantState.MEDIA_FLOWING && s.receiveWidth() != null;
        });
        return found.get();
    }

    private static List<ParticipantState> transitions(InstanceReport report, String participant) {
        return report.events().stream().filter(e -> e.participant().equals(participant))
                .map(ParticipantEvent::to).toList();
    }

    private static ParticipantEvent last(InstanceReport report, String participant) {
        List<ParticipantEvent> events = report.events().stream().filter(e -> e.participant().equals(participant)).toList();
        return events.get(events.size() - 1);
    }

    private static void assertNoBrowserLeft() {
        await("no browser or chromedriver outlives the instance").atMost(Duration.ofSeconds(15)).until(() ->
                ProcessHandle.current().descendants().noneMatch(p -> p.info().command()
                        .map(c -> c.contains("chrom")).orElse(false)));
    }
}
