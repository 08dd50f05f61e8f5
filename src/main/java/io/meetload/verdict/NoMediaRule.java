package io.meetload.verdict;

import io.meetload.instance.ParticipantState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** NO_MEDIA: joined, but media never flowed (the worker's NO_MEDIA, or data that ends without it). */
final class NoMediaRule implements FailureRule {

    /** Final states another rule explains better. */
    private static final Set<ParticipantState> OTHERS = Set.of(ParticipantState.DROPPED,
            ParticipantState.BROWSER_CRASHED, ParticipantState.FAILED_TO_JOIN);

    @Override
    public List<Failure> failures(RunData run) {
        List<Failure> failures = new ArrayList<>();
        for (ParticipantData p : run.participants) {
            Optional<Instant> joined = p.joinedAt();
            Optional<ParticipantState> state = p.finalState();
            if (state.orElse(null) == ParticipantState.NO_MEDIA) {
                Instant at = p.enteredAt(ParticipantState.NO_MEDIA).orElse(null);
                Instant from = joined.orElse(at);
                failures.add(new Failure("NO_MEDIA", p.instance(), p.id(), from, at,
                        p.id() + " joined at " + run.runMinute(from) + " but no media flowed (NO_MEDIA at "
                                + run.runMinute(at) + ")"));
            } else if (joined.isPresent() && p.reached(ParticipantState.MEDIA_FLOWING).isEmpty()
                    && (state.isEmpty() || !OTHERS.contains(state.get())) && run.input.cancelled().isEmpty()) {
                Instant at = p.lastSeen().orElse(null);
                failures.add(new Failure("NO_MEDIA", p.instance(), p.id(), joined.get(), at,
                        p.id() + " joined at " + run.runMinute(joined.get()) + " but media never flowed (seen until "
                                + run.runMinute(at) + ")"));
            }
        }
        return failures;
    }
}
