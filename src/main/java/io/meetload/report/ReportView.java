package io.meetload.report;

import io.quarkus.qute.RawString;

import java.util.List;

/**
 * What the HTML template shows, already formatted: text only (the template escapes it) and the
 * charts' SVG, which {@link SvgChart} escaped itself.
 */
public record ReportView(String plan, String run, String status, String statusClass, String statusMeaning,
                         String window, String target, List<Fact> facts, List<ReasonRow> reasons,
                         List<ReasonRow> warnings, List<ChartView> charts, List<String> bridgeNotes,
                         List<InstanceRow> instances, List<ParticipantRow> participants, CapacityView capacity) {

    public record Fact(String label, String value) {
    }

    public record ReasonRow(String kind, String attribution, String instance, String participant,
                            String runMinute, String message) {
    }

    public record ChartView(String name, RawString svg, String note) {
    }

    /** @param rowClass "bad" for an instance that failed or saturated, else "" */
    public record InstanceRow(String index, String cpuLimit, String cpuP50, String cpuP95, String cpuMax,
                              String saturated, String memory, String outcome, String participants,
                              String rowClass) {
    }

    /** @param rowClass "bad" for a participant that ended in a failure state, else "" */
    public record ParticipantRow(String id, String instance, String room, String media, String finalState,
                                 String joinedAt, String dropReason, String dropEvidence, String kbpsP5,
                                 String kbpsP50, String maxLoss, String rowClass) {
    }

    public record CapacityView(String advice, List<Fact> figures) {
    }
}
