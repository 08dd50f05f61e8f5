package io.meetload.instance;

/** The states a participant goes through; the last five are final. */
public enum ParticipantState {
    STARTING, JOINING, JOINED, MEDIA_FLOWING,
    /** The join deadline passed without the page saying it joined. */
    FAILED_TO_JOIN,
    /** Joined, but no media sent or received within the media deadline (seen on Jitsi). */
    NO_MEDIA,
    /** Left the conference without being asked to, with the reason the page gives. */
    DROPPED,
    /** The browser session is gone. */
    BROWSER_CRASHED,
    /** Left at the end of the run, as planned. */
    LEFT;

    public boolean isFinal() {
        return ordinal() >= FAILED_TO_JOIN.ordinal();
    }

    /** A final state that is a failure (everything final except a planned {@link #LEFT}). */
    public boolean isFailure() {
        return isFinal() && this != LEFT;
    }
}
