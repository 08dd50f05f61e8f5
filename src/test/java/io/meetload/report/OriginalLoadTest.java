package io.meetload.report;

import io.meetload.bridge.BridgeSeries;
import io.meetload.instance.HostSample;
import io.meetload.instance.InstanceFact;
import io.meetload.instance.InstanceReport;
import io.meetload.instance.ParticipantEvent;
import io.meetload.instance.ParticipantInfo;
import io.meetload.instance.ParticipantSample;
import io.meetload.instance.ParticipantState;
import io.meetload.plan.InstanceAssignment;
import io.meetload.plan.InstanceAssignment.ParticipantSpec;
import io.meetload.plan.RunPlan;
import io.meetload.verdict.Verdict;
import io.meetload.verdict.Verdict.Attribution;
import io.meetload.verdict.Verdict.Percentiles;
import io.meetload.verdict.VerdictInput;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The load test that started the project, as hand-built records: 12 participants (10 cameras) in
 * one Jitsi room, 6 instances of 2 CPUs, 30 minutes after a 1-minute ramp-up. Instance 3 climbs to
 * its CPU limit from minute 25; its two participants are kicked at 29:25 and 30:10.
 */
final class OriginalLoadTest {

    static final Instant START = Instant.parse("2026-12-04T14:32:00Z");
    static final Instant END = START.plus(Duration.ofMinutes(31));
    static final Duration SAMPLE = Duration.ofSeconds(10);
    static final Map<String, Duration> DROPS = Map.of("i3-p2", Duration.parse("PT29M25S"),
            "i3-p1", Duration.parse("PT30M10S"));
    static final String FIRST_REASON = "i3-p2 dropped at 29:25 while instance 3 ran at 98 % of its 2-CPU limit for 4:25";

    final String planName;
    final String room;
    final boolean withBridge;
    final List<Verdict.Reason> extraWarnings = new ArrayList<>();
    final String dropEvidence;

    OriginalLoadTest(String planName, String room, boolean withBridge, String dropEvidence) {
        this.planName = planName;
        this.room = room;
        this.withBridge = withBridge;
        this.dropEvidence = dropEvidence;
    }

    static OriginalLoadTest standard() {
        return new OriginalLoadTest("12p-10cam-30min", "loadtest-12p", false,
                "page: conference left, reason 'kicked' (participant removed by focus)");
    }

    RunPlan plan() {
        return new RunPlan(1, planName, new RunPlan.Target(RunPlan.Driver.JITSI, "https://meet.example.org", room),
                1, 12, 10, 2, 6, Duration.ofMinutes(30), Duration.ofMinutes(1), RunPlan.Video.DEFAULT,
                RunPlan.Media.BUILT_IN, new RunPlan.InstanceSize("2", "4Gi", 2.0, 4L << 30),
                RunPlan.Thresholds.DEFAULT, Optional.empty());
    }

    VerdictInput input() {
        RunPlan plan = plan();
        Map<Integer, InstanceReport> reports = new LinkedHashMap<>();
        Map<Integer, InstanceFact> facts = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            reports.put(i, report(plan, i));
            facts.put(i, new InstanceFact(i, InstanceFact.Outcome.REPORTED, END.plusSeconds(3), 0, null, "completed"));
        }
        Optional<BridgeSeries> bridge = Optional.empty();
        if (withBridge) {
            List<BridgeSeries.Point> stress = new ArrayList<>();
            List<BridgeSeries.Point> count = new ArrayList<>();
            for (long s = 0; s <= 1860; s += 15) {
                double joined = Math.min(12, s / 5.0);
                stress.add(new BridgeSeries.Point(START.plusSeconds(s), 0.015 * joined + 0.01 * Math.sin(s / 60.0)));
                count.add(new BridgeSeries.Point(START.plusSeconds(s), s > 1765 ? 10 : joined));
            }
            bridge = Optional.of(new BridgeSeries("prometheus", Map.of("STRESS", stress, "PARTICIPANTS", count),
                    Map.of("LOSS_RATIO", "no series matched jitsi_jvb_loss_rate{job=\"jvb\"}")));
        }
        return new VerdictInput("r-20261204-1432-7f3a", plan, START, END, reports, facts, Optional.empty(), bridge);
    }

    private InstanceReport report(RunPlan plan, int index) {
        InstanceAssignment share = InstanceAssignment.of(plan, index, 6);
        List<ParticipantInfo> infos = new ArrayList<>();
        List<ParticipantEvent> events = new ArrayList<>();
        List<ParticipantSample> samples = new ArrayList<>();
        for (ParticipantSpec p : share.participants()) {
            infos.add(new ParticipantInfo(p.id(), p.number(), p.room(), p.video(), p.audio()));
            Instant begin = START.plus(p.startAfter());
            Instant joined = begin.plusSeconds(4);
            Instant media = begin.plusSeconds(7);
            events.add(new ParticipantEvent(begin, p.id(), ParticipantState.STARTING, ParticipantState.JOINING, null, null));
            events.add(new ParticipantEvent(joined, p.id(), ParticipantState.JOINING, ParticipantState.JOINED, null,
                    "APP.conference.isJoined() = true"));
            events.add(new ParticipantEvent(media, p.id(), ParticipantState.JOINED, ParticipantState.MEDIA_FLOWING, null,
                    "download 1450 kbps"));
            Duration drop = DROPS.get(p.id());
            Instant last = drop == null ? END : START.plus(drop);
            events.add(drop == null
                    ? new ParticipantEvent(END, p.id(), ParticipantState.MEDIA_FLOWING, ParticipantState.LEFT, null, "hangup at end of run")
                    : new ParticipantEvent(last, p.id(), ParticipantState.MEDIA_FLOWING, ParticipantState.DROPPED,
                    "KICKED", dropEvidence));
            for (Instant t = media; t.isBefore(last); t = t.plus(SAMPLE)) {
                double s = Duration.between(START, t).toSeconds();
                double kbps = 1450 + 60 * Math.sin(s / 47.0 + p.number());
                double loss = 0.002;
                if (index == 3 && s > 1500) {
                    double starved = Math.min(1, (s - 1500) / 240);
                    kbps = kbps * (1 - 0.78 * starved);
                    loss = 0.002 + 0.03 * starved;
                }
                samples.add(new ParticipantSample(t, p.id(), ParticipantState.MEDIA_FLOWING, 11, kbps * 1000,
                        p.video() ? 1_800_000.0 : 40_000.0, loss, 25.0, 1280, 720, "connected", null, null));
            }
        }
        List<HostSample> host = new ArrayList<>();
        for (Instant t = START; !t.isAfter(END); t = t.plus(SAMPLE)) {
            double s = Duration.between(START, t).toSeconds();
            double ratio = 0.52 + 0.04 * Math.sin(s / 90.0 + index);
            if (s < 150) {
                ratio = 0.30 + 0.5 * Math.min(1, s / 60.0); // the join spike the original test saw
            }
            if (index == 3 && s >= 1500) {
                ratio = s >= 1810 ? 0.12 : s >= 1765 ? 0.55 : Math.min(1.0, 0.6 + (s - 1500) / 150.0 * 0.4);
            }
            host.add(new HostSample(t, ratio * 2, 2.0, ratio, 2_400_000_000L + (long) (s * 200_000), 4L << 30, 0,
                    ratio * 1.9, 2_100_000_000L, 42));
        }
        return new InstanceReport(1, "r-20261204-1432-7f3a", "sha256:0f3a", index, 6, START, END, "COMPLETED",
                infos, events, samples, host);
    }

    Verdict verdict(VerdictInput input) {
        List<Verdict.ParticipantSummary> participants = new ArrayList<>();
        for (InstanceReport r : input.reports().values()) {
            for (ParticipantInfo p : r.participants()) {
                Duration drop = DROPS.get(p.id());
                List<Double> kbps = r.participantSamples().stream().filter(s -> s.participant().equals(p.id()))
                        .map(s -> s.receiveBitsPerSecond() / 1000).sorted().toList();
                double maxLoss = r.participantSamples().stream().filter(s -> s.participant().equals(p.id()))
                        .mapToDouble(ParticipantSample::packetLossRatio).max().orElse(0);
                Instant joined = r.events().stream().filter(e -> e.participant().equals(p.id())
                        && e.to() == ParticipantState.JOINED).findFirst().orElseThrow().at();
                participants.add(new Verdict.ParticipantSummary(p.id(), r.index(), p.room(), p.video(), p.audio(),
                        drop == null ? "LEFT" : "DROPPED", joined, joined.plusSeconds(3),
                        drop == null ? null : START.plus(drop), drop == null ? null : "KICKED",
                        new Percentiles(at(kbps, 0.05), at(kbps, 0.5), at(kbps, 0.95), at(kbps, 1)), maxLoss,
                        new Percentiles(25.0, 25.0, 25.0, 25.0)));
            }
        }
        List<Verdict.InstanceSummary> instances = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            boolean hot = i == 3;
            instances.add(new Verdict.InstanceSummary(i, 2.0, new Percentiles(0.45, hot ? 0.56 : 0.54,
                    hot ? 0.99 : 0.78, hot ? 1.0 : 0.8), hot ? 265 : 0, hot ? 3_010_000_000L : 2_780_000_000L,
                    4L << 30, "REPORTED", 2,
                    (int) InstanceAssignment.of(input.plan(), i, 6).participants().stream().filter(ParticipantSpec::video).count()));
        }
        List<Verdict.Reason> reasons = List.of(
                new Verdict.Reason("GENERATOR_SATURATED", Attribution.GENERATOR, 3, "i3-p2",
                        START.plus(DROPS.get("i3-p2")), "29:25", FIRST_REASON),
                new Verdict.Reason("GENERATOR_SATURATED", Attribution.GENERATOR, 3, "i3-p1",
                        START.plus(DROPS.get("i3-p1")), "30:10",
                        "i3-p1 dropped at 30:10 while instance 3 ran at 99 % of its 2-CPU limit for 5:10"));
        List<Verdict.Reason> warnings = new ArrayList<>(List.of(
                new Verdict.Reason("LOW_BITRATE", Attribution.GENERATOR, 3, "i3-p1", START.plusSeconds(1680), "28:00",
                        "i3-p1 received 330 kbit/s at p5, a quarter of its median, while its instance was saturated")));
        warnings.addAll(extraWarnings);
        Optional<Verdict.BridgeSummary> bridge = withBridge
                ? Optional.of(new Verdict.BridgeSummary("prometheus", 0.19, 12.0, 14_200_000.0, null,
                Map.of("LOSS_RATIO", "no series matched jitsi_jvb_loss_rate{job=\"jvb\"}")))
                : Optional.empty();
        return new Verdict(1, input.runId(), planName, Verdict.Status.INCONCLUSIVE, START, END, reasons, warnings,
                participants, instances,
                new Verdict.Capacity(0.52, 0.55, 1,
                        "2-CPU instances hold 1 participant of this mix (10 cameras received) with 20 % headroom; "
                                + "use 3 CPUs per instance for 2"),
                bridge);
    }

    private static Double at(List<Double> sorted, double q) {
        return sorted.isEmpty() ? null : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
    }
}
