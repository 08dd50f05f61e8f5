package io.meetload.coordinator;

import io.meetload.instance.HostSample;
import io.meetload.instance.InstanceReport;
import io.meetload.instance.Json;
import io.meetload.instance.ParticipantInfo;
import io.meetload.instance.ParticipantSample;
import io.meetload.instance.ParticipantState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A report kept for the verdict is the report as sent, value for value, with its repeated values shared. */
class CompactReportTest {

    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

    private static InstanceReport parsed() throws Exception {
        List<ParticipantSample> samples = new ArrayList<>();
        List<HostSample> host = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            for (String p : List.of("i0-p1", "i0-p2")) {
                samples.add(new ParticipantSample(START.plusSeconds(5L * k), p, ParticipantState.MEDIA_FLOWING, 1,
                        900_000.0 + k, 800_000.0, 0.0, 29.5, 640, 360, "connected", 1_000L * k, 100L * k));
            }
            host.add(new HostSample(START.plusSeconds(5L * k), 0.4, 2.0, 0.2, 1L << 30, 4L << 30, 0, 0.3, 1L << 29, 4));
        }
        samples.add(new ParticipantSample(START, "i0-p2", ParticipantState.JOINING, null, null, null, null, null, null,
                null, null, null, null));
        InstanceReport report = new InstanceReport(InstanceReport.SCHEMA, "r-20260101-1000-abcd", "ab".repeat(32), 0, 1,
                START, START.plusSeconds(60), "COMPLETED",
                List.of(new ParticipantInfo("i0-p1", 0, "ROOM-1", true, true)), List.of(), samples, host);
        // Parsed from JSON, as the intake gets it: every value its own object.
        return Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(report), InstanceReport.class);
    }

    @Test
    void theKeptReportIsTheReportAsSent() throws Exception {
        InstanceReport sent = parsed();
        InstanceReport kept = CompactReport.of(sent);
        assertEquals(sent, kept);
        assertEquals(Json.MAPPER.writeValueAsString(sent), Json.MAPPER.writeValueAsString(kept));
    }

    @Test
    void repeatedValuesAreSharedAndOthersKept() throws Exception {
        InstanceReport sent = parsed();
        List<ParticipantSample> s = CompactReport.of(sent).participantSamples();
        assertNotSame(sent.participantSamples().get(0).participant(), sent.participantSamples().get(2).participant(),
                "the premise: parsed values are separate objects");
        assertSame(s.get(0).participant(), s.get(2).participant());
        assertSame(s.get(0).ice(), s.get(5).ice());
        assertSame(s.get(0).receiveWidth(), s.get(3).receiveWidth());
        assertSame(s.get(0).packetLossRatio(), s.get(4).packetLossRatio());
        assertEquals(900_002.0, s.get(4).receiveBitsPerSecond());
        assertEquals(2_000L, s.get(5).bytesReceived());
        assertNull(s.get(6).ice());
        List<HostSample> h = CompactReport.of(sent).hostSamples();
        assertSame(h.get(0).cpuLimitCores(), h.get(2).cpuLimitCores());
        assertSame(h.get(0).memoryLimitBytes(), h.get(1).memoryLimitBytes());
    }

    @Test
    void aReportWithoutSamplesStaysWithout() {
        InstanceReport bare = new InstanceReport(InstanceReport.SCHEMA, "r-20260101-1000-abcd", "ab".repeat(32), 0, 1,
                START, START, "ERROR", null, null, null, null);
        assertEquals(bare, CompactReport.of(bare));
    }
}
