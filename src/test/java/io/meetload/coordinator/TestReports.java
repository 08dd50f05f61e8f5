package io.meetload.coordinator;

import io.meetload.instance.HostSample;
import io.meetload.instance.InstanceReport;
import io.meetload.instance.Json;
import io.meetload.instance.ParticipantInfo;
import io.meetload.instance.ParticipantSample;
import io.meetload.instance.ParticipantState;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** Reports and heartbeats as a worker would send them. */
public final class TestReports {

    private TestReports() {
    }

    public static InstanceReport report(String run, String digest, int index, int count, String endReason) {
        Instant start = Instant.parse("2026-01-01T10:00:00Z");
        String id = "i" + index + "-p1";
        return new InstanceReport(InstanceReport.SCHEMA, run, digest, index, count, start, start.plusSeconds(60),
                endReason, List.of(new ParticipantInfo(id, index, "1234", true, true)), List.of(),
                // Out of time order, as nothing promises otherwise: a resent report must still be
                // recognised as the same one after the coordinator sorted what it kept.
                List.of(sample(id, start.plusSeconds(10)), sample(id, start.plusSeconds(5))),
                List.of(new HostSample(start.plusSeconds(10), 0.4, 1.0, 0.4, 1L << 30, 2L << 30, 0, 0.3, 1L << 29, 4),
                        new HostSample(start.plusSeconds(5), 0.4, 1.0, 0.4, 1L << 30, 2L << 30, 0, 0.3, 1L << 29, 4)));
    }

    public static ParticipantSample sample(String participant, Instant at) {
        return new ParticipantSample(at, participant, ParticipantState.MEDIA_FLOWING, 1, 900_000.0, 800_000.0, 0.0,
                20.0, 640, 360, "connected", 1_000_000L, 100L);
    }

    public static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
