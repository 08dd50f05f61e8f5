package io.meetload.instance;

/** Why a participant left the conference without being asked to, as the page tells it. */
public enum DropReason {
    /** The service removed it (Jitsi: kicked, or conference error). */
    KICKED,
    /** ICE failed: media path lost. */
    ICE_FAILED,
    /** The connection stayed interrupted (ICE disconnected) past the drop deadline. */
    CONNECTION_INTERRUPTED,
    /** The signalling session with the server is gone (server down, session destroyed). */
    SERVER_GONE,
    /** The conference ended while the participant was in it. */
    CONFERENCE_ENDED,
    /** Media stopped flowing for longer than the drop deadline, with no other sign. */
    MEDIA_STOPPED,
    UNKNOWN
}
