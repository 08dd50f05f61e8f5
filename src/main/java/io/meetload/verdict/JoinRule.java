package io.meetload.verdict;

import io.meetload.instance.ParticipantEvent;
import io.meetload.instance.ParticipantState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** JOIN_FAILED: the page never said it joined (the worker's FAILED_TO_JOIN, or data that ends before a join). */
final class JoinRule implements FailureRule {

    /** Final states another rule explains better. */
    private static final Set<ParticipantState> OTHERS = Set.of(ParticipantState.DROPPED,
            ParticipantState.BROWSER_CRASHED, ParticipantState.NO_MEDIA);

    @Override
    public List<Failure> failures(RunData run) {
        List<Failure> failures = new ArrayList<>();
        for (ParticipantData p : run.participants) {
            if (!p.hasData()) {
                continue;
            }
            Optional<ParticipantState> state = p.finalState();
            if (state.orElse(null) == ParticipantState.FAILED_TO_JOIN) {
                Instant at = p.enteredAt(ParticipantState.FAILED_TO_JOIN).orElse(null);
                String evidence = p.finalEvent(ParticipantState.FAILED_TO_JOIN).map(ParticipantEvent::evidence)
                        .filter(e -> e != null && !e.isBlank()).orElse(null);
                failures.add(new Failure("JOIN_FAILED", p.instance(), p.id(), at, at,
                        p.id() + " failed to join (given up at " + run.runMinute(at) + ")", evidence));
            } else if (p.joinedAt().isEmpty() && (state.isEmpty() || !OTHERS.contains(state.get()))
                    && run.input.cancelled().isEmpty()) {
                // inferred only for a run that ran its course: a cancel cuts joins short
                Instant at = p.lastSeen().orElse(null);
                failures.add(new Failure("JOIN_FAILED", p.instance(), p.id(), at, at,
                        p.id() + " never joined (last state " + state.map(Enum::name).orElse("unknown")
                                + " at " + run.runMinute(at) + ")"));
            }
        }
        return failures;
    }
}
