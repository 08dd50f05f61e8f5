package io.meetload.instance;

import java.time.Instant;

/**
 * A state transition of one participant.
 *
 * @param reason for DROPPED, the {@link DropReason} name; otherwise null
 * @param evidence what was seen, in words a person can check (page values, exception message)
 */
public record ParticipantEvent(Instant at, String participant, ParticipantState from, ParticipantState to,
                               String reason, String evidence) {
}
