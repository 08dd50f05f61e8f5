package io.meetload.verdict;

import io.meetload.instance.DropReason;
import io.meetload.instance.ParticipantEvent;
import io.meetload.instance.ParticipantState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** DROPPED: left the conference without being asked to, with the reason its page gave. */
final class DropRule implements FailureRule {

    @Override
    public List<Failure> failures(RunData run) {
        List<Failure> failures = new ArrayList<>();
        for (ParticipantData p : run.participants) {
            if (p.finalState().orElse(null) != ParticipantState.DROPPED) {
                continue;
            }
            Instant at = p.enteredAt(ParticipantState.DROPPED).orElse(null);
            Optional<ParticipantEvent> event = p.finalEvent(ParticipantState.DROPPED);
            String reason = event.map(ParticipantEvent::reason).filter(r -> r != null && !r.isBlank())
                    .orElse(DropReason.UNKNOWN.name());
            String evidence = event.map(ParticipantEvent::evidence).filter(e -> e != null && !e.isBlank())
                    .orElse(null);
            failures.add(new Failure("DROPPED", p.instance(), p.id(), at, at,
                    p.id() + " dropped at " + run.runMinute(at) + " (" + reason + ")", evidence));
        }
        return failures;
    }

    /** The page's drop reason of a participant, for summaries. */
    static String reasonOf(ParticipantData p) {
        return p.finalEvent(ParticipantState.DROPPED).map(ParticipantEvent::reason)
                .filter(r -> r != null && !r.isBlank()).orElse(DropReason.UNKNOWN.name());
    }
}
