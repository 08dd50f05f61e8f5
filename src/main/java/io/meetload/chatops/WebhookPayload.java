package io.meetload.chatops;

import io.meetload.coordinator.RunFinished;
import io.meetload.verdict.Verdict;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary a webhook receives when a run has finished (schema 1). Pure. {@code delivery} is the
 * same in every attempt of one delivery (receivers can drop repeats); {@code sentAt} is this
 * attempt's time, inside the signed body, so a receiver can refuse old ones.
 */
final class WebhookPayload {

    static final int SCHEMA = 1;

    private WebhookPayload() {
    }

    static Map<String, Object> of(RunFinished finished, URI base, String delivery, Instant sentAt) {
        Verdict v = finished.verdict();
        String id = finished.state().id();
        List<Verdict.ParticipantSummary> ps = v.participants() == null ? List.of() : v.participants();
        Map<String, Object> participants = new LinkedHashMap<>();
        participants.put("planned", finished.state().participants());
        participants.put("joined", ps.stream().filter(p -> p.joinedAt() != null).count());
        participants.put("dropped", ps.stream().filter(p -> p.droppedAt() != null || "DROPPED".equals(p.finalState())).count());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schema", SCHEMA);
        body.put("event", "run.finished");
        body.put("delivery", delivery);
        body.put("sentAt", sentAt.toString());
        body.put("run", id);
        body.put("status", v.status().name());
        body.put("runStatus", finished.state().status().name());
        body.put("plan", v.plan());
        body.put("reason", firstReason(v));
        body.put("participants", participants);
        body.put("startedAt", v.startedAt() == null ? null : v.startedAt().toString());
        body.put("endedAt", v.endedAt() == null ? null : v.endedAt().toString());
        body.put("reportUrl", Links.report(base, id).toString());
        body.put("verdictUrl", Links.verdict(base, id).toString());
        return body;
    }

    private static String firstReason(Verdict v) {
        if (v.reasons() != null && !v.reasons().isEmpty()) {
            return v.reasons().get(0).message();
        }
        if (v.warnings() != null && !v.warnings().isEmpty()) {
            return v.warnings().get(0).message();
        }
        return null;
    }
}
