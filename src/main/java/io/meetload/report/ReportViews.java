package io.meetload.report;

import io.meetload.instance.InstanceReport;
import io.meetload.instance.ParticipantEvent;
import io.meetload.plan.RunPlan;
import io.meetload.report.ReportView.CapacityView;
import io.meetload.report.ReportView.ChartView;
import io.meetload.report.ReportView.Fact;
import io.meetload.report.ReportView.InstanceRow;
import io.meetload.report.ReportView.ParticipantRow;
import io.meetload.report.ReportView.ReasonRow;
import io.meetload.verdict.Verdict;
import io.meetload.verdict.Verdict.InstanceSummary;
import io.meetload.verdict.Verdict.ParticipantSummary;
import io.meetload.verdict.VerdictInput;
import io.quarkus.qute.RawString;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Turns a verdict and what it was computed from into the report's view: formatting only, no judgement. */
final class ReportViews {

    static final String NONE = "–";
    private static final DateTimeFormatter DAY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ReportViews() {
    }

    static ReportView of(Verdict verdict, VerdictInput input) {
        Instant start = verdict.startedAt() != null ? verdict.startedAt() : input.startedAt();
        Instant end = verdict.endedAt() != null ? verdict.endedAt() : input.endedAt();
        RunPlan plan = input.plan();
        String planName = verdict.plan() != null ? verdict.plan() : plan.name();
        String window = start == null ? NONE : DAY_TIME.format(start)
                + (end == null ? "" : " to " + TIME.format(end) + " UTC (" + minute(start, end) + ")");
        String target = plan.target().driver().id() + " · " + plan.target().url() + " · room " + plan.target().room()
                + (plan.rooms() > 1 ? " (" + plan.rooms() + " rooms)" : "");
        return new ReportView(planName, verdict.run(), verdict.status().name(),
                verdict.status().name().toLowerCase(Locale.ROOT), meaning(verdict.status()), window, target,
                facts(verdict, plan), reasons(verdict.reasons(), start), reasons(verdict.warnings(), start),
                charts(input), bridgeNotes(verdict, input), instances(verdict.instances()),
                participants(verdict.participants(), input, start), capacity(verdict.capacity()));
    }

    static String meaning(Verdict.Status status) {
        return switch (status) {
            case PASS -> "Every participant joined and stayed, every threshold held, and the load generator was healthy.";
            case FAIL -> "The service under test failed the plan while the load generator was healthy.";
            case INCONCLUSIVE -> "A failure coincides with a fault of the load generator or the harness: "
                    + "this run tells nothing reliable about the service. Fix the generator and run again.";
        };
    }

    private static List<Fact> facts(Verdict verdict, RunPlan plan) {
        List<ParticipantSummary> ps = list(verdict.participants());
        long joined = ps.stream().filter(p -> p.joinedAt() != null).count();
        long dropped = ps.stream().filter(ReportViews::dropped).count();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Participants", plan.participants() + " planned · " + joined + " joined · " + dropped + " dropped"));
        facts.add(new Fact("Senders", plan.videoSenders() + " video · " + plan.audioSenders() + " audio"));
        facts.add(new Fact("Instances", plan.instances() + " × " + plan.instanceSize().cpu() + " CPU, "
                + plan.instanceSize().memory()));
        facts.add(new Fact("Duration", SvgChart.mmss(plan.duration().toSeconds()) + " after a "
                + SvgChart.mmss(plan.rampUp().toSeconds()) + " ramp-up"));
        list(verdict.instances()).stream()
                .filter(i -> i.cpuRatio() != null && i.cpuRatio().max() != null)
                .max(Comparator.comparingDouble(i -> i.cpuRatio().max()))
                .ifPresent(i -> facts.add(new Fact("Generator CPU peak",
                        ReportCharts.percent(i.cpuRatio().max()) + " of its limit (instance " + i.index() + ")")));
        facts.add(new Fact("Bridge", verdict.bridge()
                .map(b -> "stress max " + number(b.stressMax()) + " · participants max " + number(b.participantsMax()))
                .orElse("not read")));
        return facts;
    }

    static boolean dropped(ParticipantSummary p) {
        return p.droppedAt() != null || "DROPPED".equals(p.finalState());
    }

    private static List<ReasonRow> reasons(List<Verdict.Reason> reasons, Instant start) {
        List<ReasonRow> rows = new ArrayList<>();
        for (Verdict.Reason r : list(reasons)) {
            String minute = r.runMinute() != null ? r.runMinute()
                    : r.at() != null && start != null ? minute(start, r.at()) : NONE;
            rows.add(new ReasonRow(r.kind(), r.attribution() == null ? NONE : r.attribution().name(),
                    r.instance() == null ? NONE : r.instance().toString(),
                    r.participant() == null ? NONE : r.participant(), minute, r.message()));
        }
        return rows;
    }

    private static List<ChartView> charts(VerdictInput input) {
        ReportCharts charts = new ReportCharts(input);
        TreeSet<Integer> silent = new TreeSet<>();
        for (int i = 0; i < input.plan().instances(); i++) {
            if (!input.reports().containsKey(i)) {
                silent.add(i);
            }
        }
        String missing = silent.isEmpty() ? ""
                : " No report from instance" + (silent.size() > 1 ? "s " : " ") + joined(silent)
                + ": its participants and samples are missing here.";
        List<ChartView> views = new ArrayList<>();
        views.add(new ChartView("participants", raw(charts.participants()),
                "From the state events of every instance report; each participant counts once, in its latest state."
                        + missing));
        views.add(new ChartView("cpu", raw(charts.cpu()),
                "CPU used by each generator instance over its container limit. Above the saturation line the "
                        + "browsers starve: video degrades and the service may drop them for the generator's fault."
                        + missing));
        views.add(new ChartView("bitrate", raw(charts.bitrate()),
                "Media received by each participant, all tracks, from its page's statistics." + missing));
        charts.bridgeStress().ifPresent(c -> views.add(new ChartView("bridge-stress", raw(c),
                "The bridge's own stress level, read from Prometheus over the run window.")));
        return views;
    }

    private static List<String> bridgeNotes(Verdict verdict, VerdictInput input) {
        Map<String, String> errors = new HashMap<>();
        input.bridge().ifPresent(b -> errors.putAll(b.errors()));
        verdict.bridge().ifPresent(b -> {
            if (b.errors() != null) {
                errors.putAll(b.errors());
            }
        });
        List<String> notes = new ArrayList<>();
        errors.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> notes.add(e.getKey() + ": " + e.getValue()));
        return notes;
    }

    private static List<InstanceRow> instances(List<InstanceSummary> instances) {
        List<InstanceRow> rows = new ArrayList<>();
        for (InstanceSummary i : list(instances).stream().sorted(Comparator.comparingInt(InstanceSummary::index)).toList()) {
            Verdict.Percentiles cpu = i.cpuRatio();
            boolean bad = !"REPORTED".equals(i.outcome()) || i.saturatedSeconds() > 0;
            rows.add(new InstanceRow(String.valueOf(i.index()),
                    i.cpuLimit() == null ? "unlimited" : number(i.cpuLimit()) + " CPU",
                    ratio(cpu == null ? null : cpu.p50()), ratio(cpu == null ? null : cpu.p95()),
                    ratio(cpu == null ? null : cpu.max()),
                    i.saturatedSeconds() > 0 ? SvgChart.mmss(i.saturatedSeconds()) : "0",
                    memory(i.memoryBytesMax(), i.memoryLimitBytes()), i.outcome(),
                    i.participants() + " (" + i.videoSenders() + " video)", bad ? "bad" : ""));
        }
        return rows;
    }

    private static List<ParticipantRow> participants(List<ParticipantSummary> participants, VerdictInput input,
                                                     Instant start) {
        Map<String, String> evidence = new HashMap<>();
        for (InstanceReport r : input.reports().values()) {
            for (ParticipantEvent e : list(r.events())) {
                if (e.to() != null && e.to().isFailure() && e.evidence() != null) {
                    evidence.put(e.participant(), e.evidence());
                }
            }
        }
        List<ParticipantRow> rows = new ArrayList<>();
        for (ParticipantSummary p : list(participants).stream()
                .sorted(Comparator.comparingInt(ParticipantSummary::instance).thenComparing(ParticipantSummary::id))
                .toList()) {
            String media = p.video() && p.audio() ? "video + audio" : p.video() ? "video" : p.audio() ? "audio" : "receive only";
            boolean bad = p.finalState() != null && !"LEFT".equals(p.finalState()) && !"MEDIA_FLOWING".equals(p.finalState())
                    && !"JOINED".equals(p.finalState());
            Verdict.Percentiles kbps = p.receiveKbps();
            rows.add(new ParticipantRow(p.id(), String.valueOf(p.instance()), p.room(), media,
                    Objects.requireNonNullElse(p.finalState(), NONE),
                    p.joinedAt() == null ? "never" : start == null ? NONE : minute(start, p.joinedAt()),
                    p.dropReason() == null ? NONE : p.dropReason()
                            + (p.droppedAt() != null && start != null ? " at " + minute(start, p.droppedAt()) : ""),
                    bad ? evidence.getOrDefault(p.id(), "") : "",
                    whole(kbps == null ? null : kbps.p5()), whole(kbps == null ? null : kbps.p50()),
                    p.maxPacketLossRatio() == null ? NONE
                            : String.format(Locale.ROOT, "%.1f %%", p.maxPacketLossRatio() * 100),
                    bad ? "bad" : ""));
        }
        return rows;
    }

    private static CapacityView capacity(Verdict.Capacity c) {
        if (c == null) {
            return new CapacityView("No capacity estimate: not enough generator samples.", List.of());
        }
        List<Fact> figures = new ArrayList<>();
        if (c.cpuPerReceiver() != null) {
            figures.add(new Fact("CPU per receiving participant", number(c.cpuPerReceiver()) + " cores"));
        }
        if (c.cpuPerSender() != null) {
            figures.add(new Fact("CPU per sending participant", number(c.cpuPerSender()) + " cores"));
        }
        if (c.safeParticipantsPerInstance() != null) {
            figures.add(new Fact("Participants per instance with headroom", c.safeParticipantsPerInstance().toString()));
        }
        return new CapacityView(c.advice() == null ? "No advice." : c.advice(), figures);
    }

    static String minute(Instant start, Instant at) {
        return SvgChart.mmss(Duration.between(start, at).toSeconds());
    }

    private static String ratio(Double r) {
        return r == null ? NONE : ReportCharts.percent(r);
    }

    private static String whole(Double v) {
        return v == null ? NONE : String.valueOf(Math.round(v));
    }

    private static String number(Double v) {
        return v == null ? NONE : SvgChart.number(Math.round(v * 100) / 100.0);
    }

    private static String memory(Long used, Long limit) {
        if (used == null) {
            return NONE;
        }
        String u = gib(used);
        if (limit == null || limit <= 0) {
            return u + " (no limit)";
        }
        return u + " of " + gib(limit) + " (" + ReportCharts.percent((double) used / limit) + ")";
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    private static String joined(TreeSet<Integer> indexes) {
        return String.join(", ", indexes.stream().map(String::valueOf).toList());
    }

    private static RawString raw(SvgChart chart) {
        return new RawString(chart.toSvg());
    }

    private static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : items;
    }
}
