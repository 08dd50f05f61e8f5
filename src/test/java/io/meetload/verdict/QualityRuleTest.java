package io.meetload.verdict;

import io.meetload.plan.RunPlan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.meetload.verdict.JoinRuleTest.single;
import static io.meetload.verdict.RunFixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

class QualityRuleTest {

    private final QualityRule rule = new QualityRule();

    private List<Failure> failures(RunFixture run) {
        return rule.failures(RunData.of(run.input()));
    }

    @Test
    void aLowReceiveBitrateAtP5FailsWithRequiredAndActual() {
        Failure failure = single(failures(RunFixture.small().receiveBps("i1-p1", at(5, 0), 42_000)));

        assertEquals("LOW_BITRATE", failure.kind());
        assertEquals("i1-p1", failure.participant());
        assertEquals(RunFixture.instant(at(5, 8)), failure.from());
        assertEquals(RunFixture.instant(at(10, 18)), failure.to());
        assertEquals("i1-p1 received too little at p5: required 100 kbps, actual 42 (32 of 59 samples below, "
                + "from 05:08 to 10:18)", failure.message());
    }

    @Test
    void fewerThanFivePercentLowSamplesKeepTheP5AboveTheThreshold() {
        RunFixture run = RunFixture.small().receiveBps("i0-p1", at(4, 0), 10_000)
                .receiveBps("i0-p1", at(4, 20), 1_500_000);

        assertEquals(List.of(), failures(run));
    }

    @Test
    void packetLossOverTheMaximumFails() {
        Failure failure = single(failures(RunFixture.small().loss("i0-p2", at(6, 0), 0.12)
                .loss("i0-p2", at(6, 30), 0.01)));

        assertEquals("PACKET_LOSS", failure.kind());
        assertEquals("i0-p2 lost too many packets: required at most 0.05, actual 0.12 (3 of 59 samples over, "
                + "from 06:03 to 06:23)", failure.message());
    }

    @Test
    void theFrameRateIsJudgedOnlyWhenThePlanSetsAMinimum() {
        RunFixture unset = RunFixture.small().fps("i1-p2", at(1, 0), 4);
        assertEquals(List.of(), failures(unset));

        RunPlan plan = RunFixture.with(RunFixture.small().plan(), 2, new RunPlan.Thresholds(100, 0.05, 0.9, 15));
        Failure failure = single(failures(RunFixture.of(plan).fps("i1-p2", at(1, 0), 4)));
        assertEquals("LOW_FRAME_RATE", failure.kind());
        assertEquals("i1-p2", failure.participant());
    }

    @Test
    void aParticipantThatNobodySendsToIsNotJudged() {
        // two participants, one camera, no microphone: the camera's owner (participant 0) receives nothing
        RunPlan plan = RunFixture.with(RunFixture.plan(2, 1, 1, Duration.ofMinutes(5), Duration.ZERO, 2), 0,
                new RunPlan.Thresholds(100, 0.05, 0.9, 10));
        RunFixture run = RunFixture.of(plan);
        String sender = "i0-p1";
        List<Failure> failures = failures(run.receiveBps(sender, Duration.ZERO, 0).fps(sender, Duration.ZERO, 0)
                .receiveBps("i0-p2", Duration.ZERO, 0));

        assertEquals(List.of("i0-p2"), failures.stream().map(Failure::participant).toList());
    }

    @Test
    void samplesBeforeEverySenderOfTheRoomHadMediaDoNotCount() {
        // a low first sample while the room's last sender was still joining is not a quality failure
        RunFixture run = RunFixture.small().receiveBps("i0-p1", Duration.ZERO, 10_000)
                .receiveBps("i0-p1", at(0, 10), 1_500_000);
        assertEquals(List.of(), failures(run));
        RunFixture late = RunFixture.small().receiveBps("i0-p1", at(0, 30), 10_000)
                .receiveBps("i0-p1", at(2, 0), 1_500_000);
        assertEquals("LOW_BITRATE", single(failures(late)).kind());
    }

    @Test
    void samplesAfterAnotherSenderOfTheRoomLeftDoNotCount() {
        // instance 0 ends first: its senders leave at 9:00 and instance 1's receiver gets nothing after that
        RunFixture run = RunFixture.small().leave("i0-p1", at(9, 0)).leave("i0-p2", at(9, 1))
                .receiveBps("i1-p1", at(8, 55), 0).receiveBps("i1-p2", at(9, 0), 0);
        assertEquals(List.of(), failures(run));
        // the same receiver starved while everyone was still there is a failure
        RunFixture starved = RunFixture.small().leave("i0-p1", at(9, 0))
                .receiveBps("i1-p1", at(4, 0), 0);
        assertEquals("LOW_BITRATE", single(failures(starved)).kind());
    }

    @Test
    void aSenderThatDroppedEndsTheWindowOfItsReceivers() {
        // the drop is the failure; what its receivers lost afterwards is its cascade, not a second failure
        RunFixture run = RunFixture.small().drop("i0-p1", at(5, 0), "KICKED")
                .receiveBps("i1-p1", at(5, 0), 0).receiveBps("i0-p2", at(5, 0), 0);
        assertEquals(List.of(), failures(run));
    }

    @Test
    void aHealthyRunMeetsEveryThreshold() {
        assertEquals(List.of(), failures(RunFixture.small()));
    }
}
