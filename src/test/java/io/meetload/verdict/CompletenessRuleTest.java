package io.meetload.verdict;

import io.meetload.instance.InstanceReport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.meetload.verdict.GeneratorRuleTest.single;
import static io.meetload.verdict.RunFixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompletenessRuleTest {

    private final CompletenessRule rule = new CompletenessRule();

    private List<Fault> faults(VerdictInput input) {
        return rule.faults(RunData.of(input));
    }

    @Test
    void aCompleteRunLacksNothing() {
        assertEquals(List.of(), faults(RunFixture.small().input()));
    }

    @Test
    void aParticipantNeverSampledIsMissingData() {
        Fault fault = single(faults(RunFixture.small().neverSampled("i1-p2").input()));

        assertEquals("REPORT_MISSING", fault.kind());
        assertEquals(Verdict.Attribution.HARNESS, fault.attribution());
        assertEquals("i1-p2", fault.participant());
        assertTrue(fault.decisive());
        assertEquals("i1-p2 was never sampled (instance 1's report has 4 events of it and no samples)",
                fault.message());
    }

    @Test
    void aParticipantStillJoiningWhenTheRunEndedIsUnfinishedNotAServiceFailure() {
        Fault fault = single(faults(RunFixture.small().stuck("i1-p1", io.meetload.instance.ParticipantState.JOINING)
                .input()));

        assertEquals("JOIN_UNFINISHED", fault.kind());
        assertEquals(Verdict.Attribution.HARNESS, fault.attribution());
        assertEquals("i1-p1", fault.participant());
        assertTrue(fault.decisive());
        assertTrue(fault.message().startsWith("i1-p1 was still joining when its data ended at 10:15 (last state "
                + "JOINING): the run ended before its join deadline"), fault.message());
        assertEquals(List.of(), faults(RunFixture.small().stuck("i1-p1", io.meetload.instance.ParticipantState.JOINING)
                .cancelled("stopped by alice", RunFixture.at(5, 0)).input()), "a cancel cuts joins short");
    }

    @Test
    void aParticipantAReportForgetsIsMissingData() {
        VerdictInput input = RunFixture.small().input();
        InstanceReport full = input.reports().get(0);
        InstanceReport forgetful = new InstanceReport(full.schema(), full.run(), full.planDigest(), full.index(),
                full.count(), full.startedAt(), full.endedAt(), full.endReason(),
                full.participants().stream().filter(p -> !p.id().equals("i0-p1")).toList(),
                full.events().stream().filter(e -> !e.participant().equals("i0-p1")).toList(),
                full.participantSamples().stream().filter(s -> !s.participant().equals("i0-p1")).toList(),
                full.hostSamples());
        java.util.Map<Integer, InstanceReport> reports = new java.util.HashMap<>(input.reports());
        reports.put(0, forgetful);

        Fault fault = single(faults(new VerdictInput(input.runId(), input.plan(), input.startedAt(),
                input.endedAt(), reports, input.facts(), input.cancelled(), input.bridge())));
        assertEquals("instance 0's report says nothing of i0-p1", fault.message());
    }

    @Test
    void noHostSamplesMeansTheGeneratorsHealthIsUnknown() {
        Fault fault = single(faults(RunFixture.small().noHostSamples(1).input()));

        assertEquals(1, fault.instance());
        assertEquals("instance 1's report has no host samples: its generator's health is unknown", fault.message());
    }

    @Test
    void mediaWithoutAnyReceiveBitrateLeavesTheQualityUnknown() {
        VerdictInput input = RunFixture.small().input();
        InstanceReport full = input.reports().get(1);
        InstanceReport blind = new InstanceReport(full.schema(), full.run(), full.planDigest(), full.index(),
                full.count(), full.startedAt(), full.endedAt(), full.endReason(), full.participants(), full.events(),
                full.participantSamples().stream().map(s -> !s.participant().equals("i1-p1") ? s
                        : new io.meetload.instance.ParticipantSample(s.at(), s.participant(), s.state(),
                        s.remoteParticipants(), null, s.sendBitsPerSecond(), s.packetLossRatio(),
                        s.receiveFramesPerSecond(), s.receiveWidth(), s.receiveHeight(), s.ice(), null, null))
                        .toList(),
                full.hostSamples());
        java.util.Map<Integer, InstanceReport> reports = new java.util.HashMap<>(input.reports());
        reports.put(1, blind);

        Fault fault = single(faults(new VerdictInput(input.runId(), input.plan(), input.startedAt(),
                input.endedAt(), reports, input.facts(), input.cancelled(), input.bridge())));
        assertEquals("i1-p1 has no receive bitrate in its 61 samples while media flowed: its quality is unknown",
                fault.message());
    }

    @Test
    void failuresExplainMissingSamples() {
        assertEquals(List.of(), faults(RunFixture.small().failJoin("i0-p1").noMedia("i0-p2")
                .crash("i1-p1", at(0, 20)).input()));
    }
}
