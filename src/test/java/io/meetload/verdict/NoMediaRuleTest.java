package io.meetload.verdict;

import io.meetload.instance.ParticipantState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.meetload.verdict.JoinRuleTest.single;
import static io.meetload.verdict.RunFixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NoMediaRuleTest {

    private final NoMediaRule rule = new NoMediaRule();

    private List<Failure> failures(RunFixture run) {
        return rule.failures(RunData.of(run.input()));
    }

    @Test
    void theWorkersNoMediaSpansFromTheJoinToTheVerdictOfThePage() {
        Failure failure = single(failures(RunFixture.small().noMedia("i1-p1")));

        assertEquals("NO_MEDIA", failure.kind());
        assertEquals(RunFixture.instant(at(0, 15)), failure.from());
        assertEquals(RunFixture.instant(at(0, 45)), failure.to());
        assertEquals("i1-p1 joined at 00:15 but no media flowed (NO_MEDIA at 00:45)", failure.message());
    }

    @Test
    void joinedUntilTheEndWithoutMediaIsNoMedia() {
        Failure failure = single(failures(RunFixture.small().stuck("i0-p2", ParticipantState.JOINED)));

        assertEquals("i0-p2 joined at 00:10 but media never flowed (seen until 10:10)", failure.message());
    }

    @Test
    void otherFailuresAreNotNoMedia() {
        assertEquals(List.of(), failures(RunFixture.small().failJoin("i0-p1").drop("i0-p2", at(1, 0), "KICKED")
                .stuck("i1-p1", ParticipantState.JOINING).crash("i1-p2", at(2, 0))));
        assertEquals(List.of(), failures(RunFixture.small()));
    }
}
