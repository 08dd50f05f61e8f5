package io.meetload.verdict;

import io.meetload.instance.ParticipantEvent;
import io.meetload.instance.ParticipantState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * JOIN_FAILED: the worker gave up on the join (FAILED_TO_JOIN: its join deadline passed). A
 * participant whose data ends while it is still joining is not the service's failure: the run
 * ended before its deadline (see {@link CompletenessRule}, JOIN_UNFINISHED).
 */
final class JoinRule implements FailureRule {

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
            }
        }
        return failures;
    }
}
