package io.meetload.coordinator;

/** Where a run is in its life; DONE and CANCELLED are final and have a verdict. */
public enum RunStatus {
    /** On disk, instances not started yet. */
    ACCEPTED,
    /** Instances started; reports being collected. */
    RUNNING,
    /** Stopping what is left and computing the verdict. */
    ENDING,
    DONE,
    CANCELLED;

    public boolean finished() {
        return this == DONE || this == CANCELLED;
    }
}
