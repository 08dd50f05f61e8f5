package io.meetload.instance;

import java.time.Instant;
import java.util.List;

/** Sent by a worker every few seconds: the latest samples, so progress is live. */
public record Heartbeat(String run, int index, Instant at, List<ParticipantSample> participants,
                        HostSample host, List<ParticipantEvent> newEvents) {
}
