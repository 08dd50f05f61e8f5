package io.meetload.verdict;

import io.meetload.instance.InstanceFact;
import io.meetload.instance.InstanceReport;
import io.meetload.plan.InstanceAssignment;

import java.util.Optional;
import java.util.Set;

/** One planned instance: its share, its report (if it sent one), what the launcher knows of it. */
record InstanceData(int index, InstanceAssignment assignment, Optional<InstanceReport> report,
                    Optional<InstanceFact> fact, HostTimeline host) {

    private static final Set<InstanceFact.Outcome> LOST = Set.of(InstanceFact.Outcome.LOST,
            InstanceFact.Outcome.OOM_KILLED, InstanceFact.Outcome.EVICTED, InstanceFact.Outcome.NOT_STARTED);

    /** The launcher says the instance ended badly (whether or not a report came in). */
    boolean lost() {
        return fact.map(f -> LOST.contains(f.outcome())).orElse(false);
    }

    boolean cancelled() {
        return fact.map(f -> f.outcome() == InstanceFact.Outcome.CANCELLED).orElse(false);
    }

    /** REPORTED, LOST, OOM_KILLED, EVICTED, NOT_STARTED, CANCELLED. */
    String outcome() {
        if (fact.isPresent() && fact.get().outcome() != InstanceFact.Outcome.REPORTED) {
            return fact.get().outcome().name();
        }
        return report.isPresent() ? InstanceFact.Outcome.REPORTED.name() : InstanceFact.Outcome.LOST.name();
    }

    int videoSenders() {
        return (int) assignment.participants().stream().filter(InstanceAssignment.ParticipantSpec::video).count();
    }
}
