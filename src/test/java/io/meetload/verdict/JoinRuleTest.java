package io.meetload.verdict;

import io.meetload.instance.ParticipantState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.meetload.verdict.RunFixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

class JoinRuleTest {

    private final JoinRule rule = new JoinRule();

    private List<Failure> failures(RunFixture run) {
        return rule.failures(RunData.of(run.input()));
    }

    @Test
    void theWorkersFailedToJoinIsAJoinFailureWithItsEvidence() {
        Failure failure = single(failures(RunFixture.small().failJoin("i0-p2")));

        assertEquals("JOIN_FAILED", failure.kind());
        assertEquals("i0-p2", failure.participant());
        assertEquals(0, failure.instance());
        assertEquals(RunFixture.instant(at(1, 5)), failure.from());
        assertEquals("i0-p2 failed to join (given up at 01:05)", failure.message());
        assertEquals("APP.conference.isJoined() stayed false for 60 s", failure.evidence());
    }

    @Test
    void aParticipantStillJoiningWhenItsDataEndsIsNotAJoinFailure() {
        // the worker never gave up on it: the run ended first (CompletenessRule's JOIN_UNFINISHED)
        assertEquals(List.of(), failures(RunFixture.small().stuck("i1-p1", ParticipantState.JOINING)));
    }

    @Test
    void participantsThatJoinedDidNotFailToJoinEvenWhenTheyDroppedLater() {
        assertEquals(List.of(), failures(RunFixture.small()));
        assertEquals(List.of(), failures(RunFixture.small().drop("i0-p1", at(3, 0), "KICKED")));
        assertEquals(List.of(), failures(RunFixture.small().noMedia("i0-p1")));
    }

    @Test
    void aParticipantWithoutAnyDataIsLeftToTheCompletenessRule() {
        assertEquals(List.of(), failures(RunFixture.small().missingReport(1)));
    }

    static Failure single(List<Failure> failures) {
        assertEquals(1, failures.size(), () -> "failures: " + failures);
        return failures.get(0);
    }
}
