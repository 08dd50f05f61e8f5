package io.meetload.verdict;

import io.meetload.instance.InstanceFact;
import io.meetload.instance.ParticipantState;
import io.meetload.verdict.Verdict.Reason;
import io.meetload.verdict.Verdict.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static io.meetload.verdict.RunFixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What holds for any run: random mishaps, seeded so that a failure can be replayed. */
class VerdictInvariantsTest {

    private final VerdictEngine engine = new VerdictEngine();

    @Test
    void anyRunGetsAVerdictThatNeverPassesOverAFailureOrMissingData() {
        for (long seed = 1; seed <= 300; seed++) {
            Random random = new Random(seed);
            RunFixture run = RunFixture.small();
            List<String> mishaps = new ArrayList<>();
            // one mishap per participant at most: a later one would replace the first in the fixture
            List<String> ids = new ArrayList<>(List.of("i0-p1", "i0-p2", "i1-p1", "i1-p2"));
            for (int m = random.nextInt(4); m > 0; m--) {
                String id = ids.remove(random.nextInt(ids.size()));
                int instance = random.nextInt(2);
                Duration when = at(1 + random.nextInt(8), random.nextInt(60));
                switch (random.nextInt(10)) {
                    case 0 -> { run.drop(id, when, "KICKED"); mishaps.add("drop " + id); }
                    case 1 -> { run.failJoin(id); mishaps.add("failJoin " + id); }
                    case 2 -> { run.noMedia(id); mishaps.add("noMedia " + id); }
                    case 3 -> { run.crash(id, when); mishaps.add("crash " + id); }
                    case 4 -> { run.missingReport(instance); mishaps.add("missing " + instance); }
                    case 5 -> { run.fact(instance, InstanceFact.Outcome.LOST, when); mishaps.add("lost " + instance); }
                    case 6 -> { run.neverSampled(id); mishaps.add("neverSampled " + id); }
                    case 7 -> { run.stuck(id, ParticipantState.JOINING); mishaps.add("stuck " + id); }
                    case 8 -> run.cpu(instance, when, 0.5 + random.nextDouble() * 0.6);
                    default -> run.receiveBps(id, when, random.nextDouble() * 200_000);
                }
            }
            long currentSeed = seed;
            Verdict verdict = engine.evaluate(run.input());

            String context = "seed " + currentSeed + " " + mishaps + " -> " + verdict.status() + " " + verdict.reasons();
            assertNotNull(verdict.status(), context);
            for (Reason r : verdict.reasons()) {
                assertNotNull(r.kind(), context);
                assertNotNull(r.attribution(), context);
                assertFalse(r.message() == null || r.message().isBlank(), context);
                assertEquals(r.at() == null, r.runMinute() == null, context);
            }
            if (verdict.status() == Status.PASS) {
                assertEquals(List.of(), verdict.reasons(), context);
            }
            if (!mishaps.isEmpty()) {
                assertNotEquals(Status.PASS, verdict.status(), context);
            }
            if (mishaps.stream().anyMatch(m -> m.startsWith("missing") || m.startsWith("lost")
                    || m.startsWith("crash") || m.startsWith("neverSampled"))) {
                assertEquals(Status.INCONCLUSIVE, verdict.status(), context);
            }
            assertEquals(Status.FAIL == verdict.status(), verdict.reasons().stream()
                    .anyMatch(r -> r.attribution() == Verdict.Attribution.SERVICE)
                    && verdict.reasons().stream().noneMatch(r -> r.attribution() != Verdict.Attribution.SERVICE),
                    context);
        }
    }

    @Test
    void aSloppyInputStillGetsAVerdict() {
        VerdictInput full = RunFixture.small().input();
        VerdictInput sloppy = new VerdictInput(null, full.plan(), null, null, null, null, null, null);

        Verdict verdict = engine.evaluate(sloppy);
        assertEquals(Status.INCONCLUSIVE, verdict.status());
        assertEquals(2, verdict.reasons().size());
        assertTrue(verdict.reasons().stream().allMatch(r -> r.kind().equals("REPORT_MISSING")));
        assertEquals(Optional.empty(), verdict.bridge());

        VerdictInput nullTimes = new VerdictInput("r", full.plan(), null, full.endedAt(), full.reports(),
                Map.of(), Optional.empty(), Optional.empty());
        assertEquals(Status.PASS, engine.evaluate(nullTimes).status());
    }
}
