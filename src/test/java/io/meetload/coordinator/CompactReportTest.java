package io.meetload.coordinator;

import io.meetload.instance.HostSample;
import io.meetload.instance.HostSampleColumns;
import io.meetload.instance.InstanceReport;
import io.meetload.instance.Json;
import io.meetload.instance.ParticipantInfo;
import io.meetload.instance.ParticipantSample;
import io.meetload.instance.ParticipantSampleColumns;
import io.meetload.instance.ParticipantState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** A report kept for the verdict has the samples as sent, value for value, grouped and sorted once. */
class CompactReportTest {

    private static final Instant START = Instant.parse("2026-01-01T10:00:00.123456789Z");

    private static InstanceReport parsed() throws Exception {
        List<ParticipantSample> samples = new ArrayList<>();
        List<HostSample> host = new ArrayList<>();
        for (int k = 2; k >= 0; k--) { // newest first: the kept report sorts them
            for (String p : List.of("i0-p1", "i0-p2")) {
                samples.add(new ParticipantSample(START.plusSeconds(5L * k), p, ParticipantState.MEDIA_FLOWING, 1,
                        900_000.0 + k, 800_000.0, 0.0, 29.5, 640, 360, "connected", 1_000L * k, 100L * k));
            }
            host.add(new HostSample(START.plusSeconds(5L * k), 0.4 + k, k == 1 ? null : 2.0, 0.2, 1L << 30,
                    k == 0 ? null : 4L << 30, 0, 0.3, 1L << 29, 4));
        }
        samples.add(new ParticipantSample(START.minusSeconds(1), "i0-p2", ParticipantState.JOINING, null, null, null,
                null, null, null, null, null, null, null));
        samples.add(new ParticipantSample(START, "i0-p1", null, -3, Double.NaN, Double.NEGATIVE_INFINITY, -0.0,
                null, Integer.MAX_VALUE, 0, "", Long.MAX_VALUE, 0L));
        samples.add(null);
        InstanceReport report = new InstanceReport(InstanceReport.SCHEMA, "r-20260101-1000-abcd", "ab".repeat(32), 0, 1,
                START, START.plusSeconds(60), "COMPLETED",
                List.of(new ParticipantInfo("i0-p1", 0, "ROOM-1", true, true)), List.of(), samples, host);
        // Parsed from JSON, as the intake gets it.
        return Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(report), InstanceReport.class);
    }

    @Test
    void eachParticipantsSamplesAreTheOnesSentInTimeOrder() throws Exception {
        InstanceReport sent = parsed();
        InstanceReport kept = CompactReport.of(sent);
        ParticipantSampleColumns columns = assertInstanceOf(ParticipantSampleColumns.class, kept.participantSamples());
        for (String p : List.of("i0-p1", "i0-p2")) {
            List<ParticipantSample> expected = sent.participantSamples().stream()
                    .filter(s -> s != null && p.equals(s.participant()))
                    .sorted(Comparator.comparing(ParticipantSample::at)).toList();
            assertEquals(expected, columns.of(p), p);
            assertEquals(expected, List.copyOf(columns.of(p)), p + " read back one by one");
        }
        assertEquals(8, columns.size(), "the null sample is left out, every other one kept");
        assertEquals(List.of(), columns.of("i9-p9"));
        assertEquals(sent.participants(), kept.participants());
        assertEquals(sent.endedAt(), kept.endedAt());
    }

    @Test
    void oddValuesAndNullsComeBackAsSent() throws Exception {
        ParticipantSample odd = CompactReport.of(parsed()).participantSamples().stream()
                .filter(s -> s.state() == null).findFirst().orElseThrow();
        assertEquals(new ParticipantSample(START, "i0-p1", null, -3, Double.NaN, Double.NEGATIVE_INFINITY, -0.0, null,
                Integer.MAX_VALUE, 0, "", Long.MAX_VALUE, 0L), odd);
        ParticipantSample joining = CompactReport.of(parsed()).participantSamples().stream()
                .filter(s -> s.state() == ParticipantState.JOINING).findFirst().orElseThrow();
        assertEquals(new ParticipantSample(START.minusSeconds(1), "i0-p2", ParticipantState.JOINING, null, null, null,
                null, null, null, null, null, null, null), joining);
    }

    @Test
    void aFilteredViewHoldsOnlyThatStateInTimeOrder() throws Exception {
        ParticipantSampleColumns p2 = ((ParticipantSampleColumns) CompactReport.of(parsed()).participantSamples())
                .of("i0-p2");
        ParticipantSampleColumns flowing = p2.inState(ParticipantState.MEDIA_FLOWING);
        assertEquals(List.of(START, START.plusSeconds(5), START.plusSeconds(10)),
                flowing.stream().map(ParticipantSample::at).toList());
        assertEquals(ParticipantState.JOINING, p2.state(0));
        assertEquals(START.minusSeconds(1), p2.at(0));
        assertEquals(List.of(), p2.inState(ParticipantState.DROPPED));
    }

    @Test
    void hostSamplesAreKeptInTimeOrderWithTheirNulls() throws Exception {
        InstanceReport sent = parsed();
        List<HostSample> kept = CompactReport.of(sent).hostSamples();
        assertInstanceOf(HostSampleColumns.class, kept);
        assertEquals(sent.hostSamples().stream().sorted(Comparator.comparing(HostSample::at)).toList(), kept);
    }

    @Test
    void aReportWithoutSamplesStaysWithout() {
        InstanceReport bare = new InstanceReport(InstanceReport.SCHEMA, "r-20260101-1000-abcd", "ab".repeat(32), 0, 1,
                START, START, "ERROR", null, null, null, null);
        assertEquals(bare, CompactReport.of(bare));
    }
}
