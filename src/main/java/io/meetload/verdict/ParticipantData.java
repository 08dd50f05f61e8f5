package io.meetload.verdict;

import io.meetload.instance.ParticipantEvent;
import io.meetload.instance.ParticipantSample;
import io.meetload.instance.ParticipantSampleColumns;
import io.meetload.instance.ParticipantState;
import io.meetload.plan.InstanceAssignment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One planned participant with its events and samples, sorted by time.
 *
 * @param reported its instance's report mentions it (listed, an event or a sample)
 */
record ParticipantData(InstanceAssignment.ParticipantSpec spec, int instance, boolean reported,
                       List<ParticipantEvent> events, ParticipantSampleColumns samples) {

    String id() {
        return spec.id();
    }

    boolean hasData() {
        return !events.isEmpty() || !samples.isEmpty();
    }

    /** When it first reached a state, by event or by sample, whichever says so first. */
    Optional<Instant> reached(ParticipantState state) {
        return reached(s -> s == state);
    }

    /** When it first reached a state that passes {@code test}, by event or by sample, whichever says so first. */
    Optional<Instant> reached(java.util.function.Predicate<ParticipantState> test) {
        Optional<Instant> byEvent = events.stream().filter(e -> test.test(e.to())).map(ParticipantEvent::at).findFirst();
        Optional<Instant> bySample = firstSampleAt(test);
        if (byEvent.isPresent() && bySample.isPresent()) {
            return Optional.of(byEvent.get().isBefore(bySample.get()) ? byEvent.get() : bySample.get());
        }
        return byEvent.isPresent() ? byEvent : bySample;
    }

    /** Joined the conference (the page said so), possibly later reaching media. */
    Optional<Instant> joinedAt() {
        Optional<Instant> joined = reached(ParticipantState.JOINED);
        return joined.isPresent() ? joined : reached(ParticipantState.MEDIA_FLOWING);
    }

    /** The last state known: the latest event's or sample's, whichever is later. */
    Optional<ParticipantState> finalState() {
        ParticipantEvent event = events.isEmpty() ? null : events.get(events.size() - 1);
        ParticipantSample sample = samples.isEmpty() ? null : samples.get(samples.size() - 1);
        if (event != null && event.to() != null && event.to().isFinal()) {
            return Optional.of(event.to());
        }
        if (sample != null && sample.state() != null
                && (event == null || event.to() == null || !sample.at().isBefore(event.at()))) {
            return Optional.of(sample.state());
        }
        return Optional.ofNullable(event).map(ParticipantEvent::to);
    }

    /** The event that brought it into a final state, if one did. */
    Optional<ParticipantEvent> finalEvent(ParticipantState state) {
        return events.stream().filter(e -> e.to() == state).findFirst();
    }

    /** When it entered {@code state}: the event's time, else the first sample in that state. */
    Optional<Instant> enteredAt(ParticipantState state) {
        return reached(state);
    }

    /** Samples taken while media flowed: the ones quality is judged on. */
    ParticipantSampleColumns flowingSamples() {
        return samples.inState(ParticipantState.MEDIA_FLOWING); // a view: no sample copied
    }

    /** The time of the first sample whose state passes {@code test}. */
    Optional<Instant> firstSampleAt(java.util.function.Predicate<ParticipantState> test) {
        for (int i = 0; i < samples.size(); i++) {
            if (test.test(samples.state(i))) {
                return Optional.of(samples.at(i));
            }
        }
        return Optional.empty();
    }

    /** When its data ends: the last event or sample. */
    Optional<Instant> lastSeen() {
        Instant e = events.isEmpty() ? null : events.get(events.size() - 1).at();
        Instant s = samples.isEmpty() ? null : samples.get(samples.size() - 1).at();
        if (e == null || s == null) {
            return Optional.ofNullable(e != null ? e : s);
        }
        return Optional.of(e.isAfter(s) ? e : s);
    }
}
