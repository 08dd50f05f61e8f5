package io.meetload.instance;

/** Who a participant of an instance is: its share of the plan. */
public record ParticipantInfo(String id, int number, String room, boolean video, boolean audio) {
}
