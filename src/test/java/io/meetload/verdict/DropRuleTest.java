package io.meetload.verdict;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.meetload.verdict.JoinRuleTest.single;
import static io.meetload.verdict.RunFixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DropRuleTest {

    private final DropRule rule = new DropRule();

    private List<Failure> failures(RunFixture run) {
        return rule.failures(RunData.of(run.input()));
    }

    @Test
    void aDropCarriesThePagesReasonAndEvidence() {
        Failure failure = single(failures(RunFixture.small().drop("i1-p2", at(7, 25), "ICE_FAILED")));

        assertEquals("DROPPED", failure.kind());
        assertEquals(1, failure.instance());
        assertEquals("i1-p2", failure.participant());
        assertEquals(RunFixture.instant(at(7, 25)), failure.from());
        assertEquals(failure.from(), failure.to());
        assertEquals("i1-p2 dropped at 07:25 (ICE_FAILED)", failure.message());
        assertEquals("conference error: ice_failed", failure.evidence());
    }

    @Test
    void aDropSeenOnlyInASampleHasAnUnknownReason() {
        Failure failure = single(failures(RunFixture.small().dropSilently("i0-p1", at(4, 0))));

        assertEquals("i0-p1 dropped at 04:00 (UNKNOWN)", failure.message());
    }

    @Test
    void leavingAtTheEndIsNoDrop() {
        assertEquals(List.of(), failures(RunFixture.small()));
    }

    @Test
    void everyDropIsOneFailure() {
        List<Failure> failures = failures(RunFixture.small().drop("i0-p1", at(2, 0), "KICKED")
                .drop("i1-p1", at(3, 0), "SERVER_GONE"));

        assertEquals(List.of("i0-p1", "i1-p1"), failures.stream().map(Failure::participant).toList());
    }
}
