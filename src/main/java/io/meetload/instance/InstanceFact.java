package io.meetload.instance;

import java.time.Instant;

/**
 * What the launcher knows about an instance apart from its report: how its process or pod
 * ended. The verdict never trusts a silent instance: these are facts in it.
 *
 * @param exitCode the process's exit code, when it has one
 * @param signal the signal that ended it (e.g. KILL), when one did
 */
public record InstanceFact(int index, Outcome outcome, Instant at, Integer exitCode, String signal,
                           String message) {

    public enum Outcome {
        /** Ended and reported. */
        REPORTED,
        /** Ended (or vanished) without a report. */
        LOST,
        OOM_KILLED,
        EVICTED,
        /** Never got running (image pull, scheduling) before its deadline. */
        NOT_STARTED,
        CANCELLED
    }
}
